package dev.scalinglab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.report.Heatmaps;
import dev.scalinglab.train.Hyperparameters;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tech.tablesaw.api.Table;

@Timeout(600)
class SweepTest {

  private static final Hyperparameters QUICK =
      Hyperparameters.QUESTION.withEpochs(1).withTrainSize(2000);

  private final FashionMnistData data = FashionMnistData.load();

  @Test
  void compensatedLearnsAtLargeScalesUncompensatedDoesNotAndDivergenceIsRecorded() {
    List<Sweep.Cell> cells = new ArrayList<>();
    Sweep.Result result =
        Sweep.run(
            Sweep.experiment(
                data, Sweep.plan(List.of(1.0, 64.0, 255.0), List.of(0.01, 10.0), QUICK)),
            cells::add);
    Table t = result.table();
    // The heatmap shows this table's final validation accuracy on a 0..1 scale.
    assertArrayEquals(
        pixels(Heatmaps.image(t, "val_accuracy", "test", 0, 1)), pixels(result.heatmap("test")));
    assertEquals(Sweep.COLUMNS, t.columnNames());
    assertEquals(3 * 2 * 2, t.rowCount());
    assertEquals(12, cells.size());
    assertEquals(
        List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
        cells.stream().map(Sweep.Cell::done).toList());
    for (double s : List.of(64.0, 255.0)) {
      double acc = value(t, "compensated", s, 0.01, "val_accuracy");
      assertTrue(acc > 0.5, "compensated s=" + s + ": " + acc);
    }
    double b = value(t, "uncompensated", 255, 0.01, "val_accuracy");
    assertTrue(b < 0.3, "uncompensated s=255 lr=0.01: " + b);
    // Compensation makes the input scale irrelevant: at s = 64 (a power of two, so x·s and W/s
    // are exact) the compensated model is bit-identical to the s = 1 model, at s = 255 equal to
    // float rounding; without compensation s = 64 is another training.
    double atOne = value(t, "compensated", 1, 0.01, "val_loss");
    double at64 = value(t, "compensated", 64, 0.01, "val_loss");
    double at255 = value(t, "compensated", 255, 0.01, "val_loss");
    double uncompensated64 = value(t, "uncompensated", 64, 0.01, "val_loss");
    System.out.printf(
        "val_loss s=1 %.9f, compensated s=64 %.9f, s=255 %.9f, uncompensated s=64 %.9f%n",
        atOne, at64, at255, uncompensated64);
    assertEquals(atOne, at64, 0.0, "compensated s = 64 retraces s = 1 exactly");
    assertEquals(atOne, at255, 1e-4, "compensated s = 255 retraces s = 1 to float rounding");
    assertTrue(Math.abs(atOne - uncompensated64) > 1e-2, "uncompensated s = 64 is not s = 1");
    assertEquals(1e-2 / (255.0 * 255.0), value(t, "compensated", 255, 0.01, "kernel_lr"), 1e-15);
    Table diverged = select(t, "uncompensated", 255, 10);
    assertEquals("diverged", diverged.stringColumn("status").get(0));
    assertTrue(diverged.booleanColumn("diverged").get(0));
  }

  @Test
  void badGridsAreRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> Sweep.plan(List.of(0.0), List.of(0.1), QUICK));
    assertThrows(
        IllegalArgumentException.class, () -> Sweep.plan(List.of(1.0), List.of(-1.0), QUICK));
    assertThrows(IllegalArgumentException.class, () -> Sweep.plan(List.of(), List.of(0.1), QUICK));
    assertThrows(
        IllegalArgumentException.class, () -> Sweep.plan(List.of(4.0, 4.0), List.of(0.1), QUICK));
  }

  @Test
  void aCompensatedRateFloat32CannotHoldIsRefusedNotReportedOk() {
    // lr 0.01 / (1e30)² = 1e-62: float32 rounds it to 0, so the "compensated" kernel never moves.
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Sweep.plan(List.of(1.0, 1e30), List.of(0.01), QUICK));
    assertTrue(e.getMessage().startsWith("s = 1e+30, compensated:"), e.getMessage());
    assertTrue(e.getMessage().contains("first-layer kernel learning rate"), e.getMessage());
    assertTrue(e.getMessage().contains("float32"), e.getMessage());
    // The largest s that still works at lr 0.01 is about sqrt(0.01 / 1.2e-38) = 9e17.
    Sweep.plan(List.of(1e17), List.of(0.01), QUICK);
  }

  @Test
  void numbersPrintExactlyEnoughToTellGridValuesApart() {
    assertEquals("4", Sweep.number(4));
    assertEquals("0.01", Sweep.number(0.01));
    assertEquals("1e-05", Sweep.number(1e-5));
    assertEquals("1e+10", Sweep.number(1e10));
    assertEquals("1e+30", Sweep.number(1e30));
    assertEquals("2.5e+30", Sweep.number(2.5e30));
    assertEquals("0.333333", Sweep.number(1 / 3.0));
  }

  static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  private static Table select(Table t, String model, double s, double lr) {
    Table rows =
        t.where(
            t.stringColumn("model")
                .isEqualTo(model)
                .and(t.doubleColumn("scale").isEqualTo(s))
                .and(t.doubleColumn("lr").isEqualTo(lr)));
    assertEquals(1, rows.rowCount(), model + " s=" + s + " lr=" + lr);
    return rows;
  }

  private static double value(Table t, String model, double s, double lr, String column) {
    return select(t, model, s, lr).doubleColumn(column).getDouble(0);
  }
}
