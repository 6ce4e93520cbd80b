package dev.scalinglab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.scalinglab.report.Bands;
import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.Scenario;
import dev.scalinglab.train.TinyData;
import dev.scalinglab.train.TrainingListener;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tech.tablesaw.api.Table;

@Timeout(600)
class SeedStudyTest {

  /** 640 tiny synthetic images ({@link TinyData}): the study's arithmetic, not Fashion-MNIST. */
  private static final Hyperparameters QUICK =
      Hyperparameters.QUESTION.withEpochs(1).withTrainSize(640);

  @Test
  void threeSeedsGiveThreeDifferentRunsPerScenarioAndAnAggregateThatMatchesThem() {
    SeedStudy.Result result;
    try (NDManager m = Engine.getInstance().newBaseManager()) {
      Experiment experiment =
          Experiment.builder()
              .setSplits(
                  TinyData.split("train", 640, 1, m), TinyData.split("validation", 200, 2, m))
              .setPlan(RunPlan.seeds(List.of(Scenarios.a(), Scenarios.c()), QUICK, 3))
              .build();
      result = SeedStudy.run(experiment, TrainingListener.NONE);
    }
    History h = result.history();
    assertEquals(
        List.of("A[seed=42]", "C[seed=42]", "A[seed=43]", "C[seed=43]", "A[seed=44]", "C[seed=44]"),
        h.scenarios());
    double[] acc = new double[3];
    for (int i = 0; i < 3; i++) {
      List<EpochResult> rows = h.rows(SeedStudy.runName("A", 42 + i));
      assertEquals(1, rows.size());
      acc[i] = rows.get(0).valAccuracy();
    }
    assertTrue(
        acc[0] != acc[1] && acc[1] != acc[2] && acc[0] != acc[2],
        "seeds differ: " + acc[0] + ", " + acc[1] + ", " + acc[2]);

    Table agg = result.aggregate();
    assertEquals(List.of("A", "C"), agg.stringColumn("scenario").asList());
    // The bands show this aggregate's validation accuracy.
    assertArrayEquals(
        SweepTest.pixels(Bands.image(agg, "val_accuracy", "validation accuracy")),
        SweepTest.pixels(result.bands()));
    assertEquals(3, agg.intColumn("runs").getInt(0));
    double mean = (acc[0] + acc[1] + acc[2]) / 3;
    double var =
        ((acc[0] - mean) * (acc[0] - mean)
                + (acc[1] - mean) * (acc[1] - mean)
                + (acc[2] - mean) * (acc[2] - mean))
            / 2;
    assertEquals(mean, agg.doubleColumn("val_accuracy_mean").getDouble(0), 1e-12);
    assertEquals(Math.sqrt(var), agg.doubleColumn("val_accuracy_std").getDouble(0), 1e-12);
    assertEquals(
        Math.min(acc[0], Math.min(acc[1], acc[2])),
        agg.doubleColumn("val_accuracy_min").getDouble(0));
    assertEquals(
        Math.max(acc[0], Math.max(acc[1], acc[2])),
        agg.doubleColumn("val_accuracy_max").getDouble(0));
    assertTrue(agg.doubleColumn("val_accuracy_std").getDouble(0) > 0, "spread over seeds");
  }

  @Test
  void aggregateGroupsByScenarioAndEpochWithSampleStd() {
    History h = new History();
    h.add(row("A[seed=1]", 1, 0.80, 0.5));
    h.add(row("A[seed=2]", 1, 0.84, 0.7));
    h.add(row("A[seed=1]", 2, 0.90, 0.3));
    h.add(row("B[seed=1]", 1, 0.10, Double.NaN));
    h.add(row("B[seed=2]", 1, 0.12, 4.0));
    Table agg = SeedStudy.aggregate(h);
    assertEquals(3, agg.rowCount());
    assertEquals(List.of("A", "A", "B"), agg.stringColumn("scenario").asList());
    assertEquals(List.of(1, 2, 1), agg.intColumn("epoch").asList());
    assertEquals(List.of(2, 1, 2), agg.intColumn("runs").asList());
    assertEquals(List.of(0, 0, 1), agg.intColumn("diverged").asList(), "B[seed=1] diverged");
    assertEquals(0.82, agg.doubleColumn("val_accuracy_mean").getDouble(0), 1e-12);
    assertEquals(Math.sqrt(0.0008), agg.doubleColumn("val_accuracy_std").getDouble(0), 1e-12);
    assertEquals(0.6, agg.doubleColumn("loss_mean").getDouble(0), 1e-12);
    assertEquals(4.0, agg.doubleColumn("loss_mean").getDouble(2), 1e-12, "NaN loss left out");
    Table runs = SeedStudy.runs(h);
    assertEquals(List.of("A", "A", "A", "B", "B"), runs.stringColumn("base").asList());
  }

  @Test
  void aRunAtChanceLevelThatDidNotDivergeShowsItsDeadUnits() {
    // Two seeds at chance level, neither diverged: the table says why through dead_relu.
    History h = new History();
    h.add(new EpochResult("B[seed=1]", 1, 2.3, 0.1, 2.3, 0.098, 0.99, 1, false));
    h.add(new EpochResult("B[seed=2]", 1, 2.3, 0.1, 2.3, 0.097, 0.97, 1, false));
    Table agg = SeedStudy.aggregate(h);
    assertEquals(0, agg.intColumn("diverged").getInt(0));
    assertEquals(0.98, agg.doubleColumn("dead_relu_mean").getDouble(0), 1e-12);
    assertEquals(0.97, agg.doubleColumn("dead_relu_min").getDouble(0), 1e-12);
  }

  @Test
  void baseAndSeedComeFromThePlanNotFromTheNames() {
    Scenario a = Scenarios.a();
    RunPlan plan =
        new RunPlan(
            List.of(
                new RunPlan.Run(a.withName("first try"), QUICK.withSeed(7), "A", null),
                new RunPlan.Run(a.withName("A[seed=1]"), QUICK.withSeed(8), "A", null)));
    History h = new History(plan.names());
    h.add(row("first try", 1, 0.80, 0.5));
    h.add(row("A[seed=1]", 1, 0.84, 0.7));
    Table runs = SeedStudy.runs(plan, h);
    assertEquals(List.of("A", "A"), runs.stringColumn("base").asList());
    assertEquals(List.of(7L, 8L), runs.longColumn("seed").asList());
    Table agg = SeedStudy.aggregate(plan, h);
    assertEquals(1, agg.rowCount());
    assertEquals(2, agg.intColumn("runs").getInt(0));
    assertEquals(0.82, agg.doubleColumn("val_accuracy_mean").getDouble(0), 1e-12);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SeedStudy.runs(RunPlan.of(QUICK, Scenarios.c()), h));
    assertTrue(e.getMessage().contains("not in the plan"), e.getMessage());
  }

  @Test
  void rejectsZeroSeeds() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RunPlan.seeds(List.of(Scenarios.a()), QUICK, 0));
    assertTrue(e.getMessage().contains("seeds must be >= 1"), e.getMessage());
  }

  private static EpochResult row(String name, int epoch, double valAcc, double loss) {
    return new EpochResult(name, epoch, loss, 0.5, 0.5, valAcc, 0, 1, Double.isNaN(loss));
  }

  @Test
  void aStatisticOverNoFiniteLossIsMissingInAllFourColumns() {
    // Both of B's runs diverged to an infinite loss (reproduce --lr 1): no mean beside an
    // Infinity minimum; all four are missing and `diverged` says why.
    History h = new History();
    for (int seed = 42; seed < 44; seed++) {
      h.add(
          new dev.scalinglab.train.EpochResult(
              SeedStudy.runName("B", seed),
              1,
              Double.POSITIVE_INFINITY,
              0.1,
              2.3,
              0.1,
              0.99,
              1,
              true));
    }
    tech.tablesaw.api.Table summary = SeedStudy.aggregate(h);
    for (String fn : java.util.List.of("mean", "std", "min", "max")) {
      org.junit.jupiter.api.Assertions.assertTrue(
          summary.doubleColumn("loss_" + fn).isMissing(0), fn + ": " + summary.print());
    }
    org.junit.jupiter.api.Assertions.assertEquals(2, summary.intColumn("diverged").get(0));
    // Printed, also as a notebook selects the columns: "none finite", not a blank.
    String shown =
        dev.scalinglab.report.Tables.text(
            summary.selectColumns("scenario", "diverged", "loss_mean"));
    org.junit.jupiter.api.Assertions.assertTrue(
        shown.contains(dev.scalinglab.report.Tables.MISSING), shown);
  }
}
