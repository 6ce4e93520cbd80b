package dev.scalinglab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.LrMultipliers;
import dev.scalinglab.train.OptimizerKind;
import dev.scalinglab.train.Scenario;
import dev.scalinglab.train.TrainingInterruptedException;
import dev.scalinglab.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ExperimentTest {

  private static final Hyperparameters QUICK =
      Hyperparameters.QUESTION.withEpochs(1).withTrainSize(5000);

  private final FashionMnistData data = FashionMnistData.load();

  private History run(Hyperparameters hp, Scenario... scenarios) {
    return Experiment.builder()
        .setData(data)
        .optScenarios(scenarios)
        .optHyperparameters(hp)
        .build()
        .run();
  }

  @Test
  void aLearnsAndBDoesNot() {
    History h = run(QUICK, Scenarios.a(), Scenarios.b());
    double a = h.rows("A").get(0).valAccuracy();
    double b = h.rows("B").get(0).valAccuracy();
    assertTrue(a > 0.6, "A val accuracy " + a);
    assertTrue(b < 0.3, "B val accuracy " + b);
    assertTrue(h.rows("B").get(0).deadRelu() > 0.5, "B kills most first-layer ReLUs");
  }

  @Test
  void cMatchesAWithinHalfAPointPerEpoch() {
    History h = run(QUICK.withEpochs(2), Scenarios.a(), Scenarios.c());
    for (int e = 0; e < 2; e++) {
      EpochResult a = h.rows("A").get(e);
      EpochResult c = h.rows("C").get(e);
      assertEquals(a.valAccuracy(), c.valAccuracy(), 0.005, "epoch " + (e + 1));
    }
  }

  @Test
  void sameSeedGivesAnIdenticalHistoryWhetherAloneOrSideBySide() {
    History together = run(QUICK, Scenarios.a(), Scenarios.b(), Scenarios.e());
    History alone = run(QUICK, Scenarios.e());
    assertEquals(strip(alone.rows("E")), strip(together.rows("E")));
    History again = run(QUICK, Scenarios.a(), Scenarios.b(), Scenarios.e());
    assertEquals(strip(together.rows()), strip(again.rows()));
    History otherSeed = run(QUICK.withSeed(7), Scenarios.e());
    assertFalse(strip(alone.rows("E")).equals(strip(otherSeed.rows("E"))));
  }

  @Test
  void aDivergingScenarioIsMarkedAndTheOthersGoOn() {
    Scenario exploding = new Scenario("X", "A with lr × 10^4", 1f, LrMultipliers.global(10_000));
    History h = run(QUICK.withEpochs(2), exploding, Scenarios.a());
    assertTrue(h.diverged("X"));
    assertEquals(1, h.rows("X").size(), "stops at the epoch it diverged");
    assertFalse(Double.isFinite(h.rows("X").get(0).loss()));
    assertEquals(2, h.rows("A").size());
    assertFalse(h.diverged("A"));
    assertTrue(h.summary().booleanColumn("diverged").get(0));
  }

  @Test
  void listenerSeesEveryEpochAndProgress() {
    List<EpochResult> epochs = new ArrayList<>();
    int[] progress = new int[1];
    Experiment.builder()
        .setData(data)
        .optScenarios(Scenarios.a(), Scenarios.c())
        .optHyperparameters(QUICK)
        .build()
        .run(
            new TrainingListener() {
              @Override
              public void onProgress(String scenario, int epoch, int step, int steps) {
                progress[0]++;
              }

              @Override
              public void onEpoch(EpochResult result) {
                epochs.add(result);
              }
            });
    assertEquals(2, epochs.size());
    assertTrue(progress[0] >= 100, "progress calls " + progress[0]);
  }

  @Test
  void interruptStopsTheRunAndLeavesTheLibraryUsable() throws Exception {
    Experiment long_ =
        Experiment.builder()
            .setData(data)
            .optScenarios(Scenarios.a())
            .optHyperparameters(QUICK.withEpochs(50))
            .build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread runner =
        new Thread(
            () -> {
              try {
                long_.run(TrainingListener.onEpoch(r -> Thread.currentThread().getName()));
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    runner.start();
    while (long_.history().rows().isEmpty()) {
      Thread.sleep(20);
    }
    runner.interrupt();
    runner.join(30_000);
    assertFalse(runner.isAlive());
    assertTrue(thrown.get() instanceof TrainingInterruptedException, String.valueOf(thrown.get()));
    int done = ((TrainingInterruptedException) thrown.get()).epochsCompleted();
    assertTrue(done >= 1 && done < 50, "epochs completed " + done);
    // The library still trains afterwards.
    assertTrue(run(QUICK, Scenarios.a()).rows("A").get(0).valAccuracy() > 0.6);
  }

  @Test
  void badSettingsAreRejectedWithTheirName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> QUICK.withLearningRate(Double.NaN));
    assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> QUICK.withBatchSize(6000));
    assertTrue(e.getMessage().contains("larger than the training data"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Scenarios.parse("A,Q", OptimizerKind.SGD));
    assertTrue(e.getMessage().contains("Unknown scenario 'Q'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Scenarios.a().withInputScale(0f));
    assertTrue(e.getMessage().contains("Input scale"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Experiment.builder().build());
  }

  @Test
  void compensationFollowsTheOptimizer() {
    assertEquals(
        1 / (255.0 * 255.0), Scenarios.c(OptimizerKind.SGD).multipliers().firstKernel(), 1e-15);
    assertEquals(1 / 255.0, Scenarios.c(OptimizerKind.ADAM).multipliers().firstKernel(), 1e-12);
    assertEquals(1.0, Scenarios.c(OptimizerKind.SGD).multipliers().firstBias());
  }

  /** Rows without their wall-clock seconds. */
  private static List<String> strip(List<EpochResult> rows) {
    return rows.stream()
        .map(
            r ->
                r.scenario()
                    + r.epoch()
                    + ":"
                    + r.loss()
                    + ","
                    + r.accuracy()
                    + ","
                    + r.valLoss()
                    + ","
                    + r.valAccuracy()
                    + ","
                    + r.deadRelu()
                    + ","
                    + r.diverged())
        .sorted()
        .toList();
  }
}
