package dev.scalinglab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.train.Hyperparameters;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

@Timeout(300)
class AnalysisTest {

  private final FashionMnistData data = FashionMnistData.load();
  private final Hyperparameters hp = Hyperparameters.QUESTION.withTrainSize(3000);

  @Test
  void firstStepMatchesTheAlgebra() {
    Table t = FirstStepAnalysis.run(data, hp, 255f);
    DoubleColumn measured = t.doubleColumn("measured");
    DoubleColumn predicted = t.doubleColumn("predicted");
    assertEquals(6, t.rowCount());
    assertTrue(measured.get(0) <= 1e-5, "same logits at step 0: " + measured.get(0));
    for (int row : new int[] {1, 2, 3, 5}) {
      double rel = Math.abs(measured.get(row) / predicted.get(row) - 1);
      assertTrue(rel <= 1e-3, t.stringColumn("quantity").get(row) + ": " + measured.get(row));
    }
    // With the bias change included the ratio is near, but below, s².
    double whole = measured.get(4) / predicted.get(4);
    assertTrue(whole > 0.9 && whole <= 1.0, "‖ΔZ‖ ratio / s² = " + whole);
  }

  @Test
  void firstStepOfAnotherScale() {
    Table t = FirstStepAnalysis.run(data, hp, 16f);
    assertEquals(16, t.doubleColumn("measured").get(1), 16e-3);
    assertEquals(256, t.doubleColumn("measured").get(3), 256e-3);
  }

  @Test
  void onlyCStaysOnAsTrajectory() {
    Table t =
        TrajectoryComparison.run(
            data,
            hp.withTrainSize(5000),
            List.of(Scenarios.c(), Scenarios.d(), Scenarios.e()),
            100,
            50);
    assertEquals(List.of(0, 50, 100), t.intColumn("step").asList());
    int last = t.rowCount() - 1;
    double c = ((DoubleColumn) t.column(1)).get(last);
    double d = ((DoubleColumn) t.column(2)).get(last);
    double e = ((DoubleColumn) t.column(3)).get(last);
    assertTrue(c <= 1e-4, "C " + c);
    assertTrue(d > 1e-3, "D " + d);
    assertTrue(e > 1e-1, "E " + e);
  }

  @Test
  void aTrajectoryLongerThanAnEpochTrainsIntoTheNextEpochs() {
    // 1000 images at batch 32: 31 steps an epoch, so 70 steps cross two epoch boundaries.
    Table t =
        TrajectoryComparison.run(data, hp.withTrainSize(1000), List.of(Scenarios.c()), 70, 35);
    assertEquals(List.of(0, 35, 70), t.intColumn("step").asList());
    assertTrue(((DoubleColumn) t.column(1)).get(2) <= 1e-4, "C stays on A's trajectory");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrajectoryComparison.run(data, hp, List.of(Scenarios.c()), 0, 1));
    assertTrue(e.getMessage().startsWith("steps (the trajectory's length"), e.getMessage());
  }

  @Test
  void probesAskingForMoreImagesThanTheSplitGetAllOfThem() {
    Table t = StepZero.logits(data, hp, 255f, 6000);
    assertEquals(5000, t.rowCount());
  }
}
