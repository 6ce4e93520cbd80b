package dev.scalinglab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ChartsTest {

  @Test
  void chartsHaveOneSeriesPerScenarioAndSkipUndrawableValues() {
    History h = new History();
    h.add(new EpochResult("A", 1, 0.7, 0.76, 0.53, 0.81, 0, 2, false));
    h.add(new EpochResult("A", 2, 0.5, 0.83, 0.48, 0.83, 0, 2, false));
    h.add(new EpochResult("X", 1, Double.NaN, 0.1, Double.NaN, 0.1, 0, 2, true));
    var chart = Charts.chart(h, Metric.LOSS);
    assertEquals(1, chart.getSeriesMap().size(), "X has no finite loss to draw");
    var acc = Charts.chart(h, Metric.VAL_ACCURACY);
    assertTrue(acc.getSeriesMap().containsKey("X (diverged)"));
    BufferedImage curves = Charts.curves(h);
    assertEquals(2 * Charts.WIDTH, curves.getWidth());
    byte[] png = Charts.png(curves);
    assertTrue(png.length > 5_000);
    assertEquals('P', png[1]);
  }

  @Test
  void histogramAndTablesFormatNumbers() {
    BufferedImage img = Charts.histogram("t", "x", new float[] {-3, -1, 0, 0, 2, 5}, 10);
    assertEquals(Charts.WIDTH, img.getWidth());
    History h = new History();
    h.add(new EpochResult("A", 1, 3.1e-7, 0.8092, 12345678.9, 0.8, 0, 2, false));
    String text = Tables.text(h.table());
    assertTrue(text.contains("3.10E-7"), text);
    assertTrue(text.contains("0.8092"), text);
    assertTrue(text.contains("1.23E7"), text);
  }
}
