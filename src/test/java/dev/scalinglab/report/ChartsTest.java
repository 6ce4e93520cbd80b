package dev.scalinglab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class ChartsTest {

  @Test
  void chartsHaveOneSeriesPerScenarioAndSkipUndrawableValues() {
    History h = new History();
    h.add(new EpochResult("A", 1, 0.7, 0.76, 0.53, 0.81, 0, 2, false));
    h.add(new EpochResult("A", 2, 0.5, 0.83, 0.48, 0.83, 0, 2, false));
    h.add(new EpochResult("X", 1, Double.NaN, 0.1, Double.NaN, 0.1, 0, 2, true));
    var chart = Charts.chart(h, Metric.LOSS);
    assertEquals(1, chart.getSeriesCollection().size(), "X has no finite loss to draw");
    var acc = Charts.chart(h, Metric.VAL_ACCURACY);
    assertTrue(acc.getSeries("X (diverged)") != null);
    BufferedImage curves = Charts.curves(h);
    assertEquals(2 * Charts.WIDTH, curves.getWidth());
    byte[] png = Charts.png(curves);
    assertTrue(png.length > 5_000);
    assertEquals('P', png[1]);
  }

  @Test
  void longSeriesNamesStackTheLegendInsteadOfCuttingIt() {
    Table shortNames = trajectories("B", "C");
    assertEquals(Charts.HEIGHT, Charts.lines(shortNames, "step", "d", true).getHeight());
    Table longNames =
        trajectories(
            "B (raw x, Glorot/255)",
            "C (B + first kernel lr/s²)",
            "D (B + global lr/s²)",
            "E (B + first layer (kernel and bias) lr/s)",
            "E' (B + first kernel lr/s (bias untouched))");
    BufferedImage img = Charts.lines(longNames, "step", "d", true);
    assertTrue(img.getHeight() > Charts.HEIGHT, "one legend line per series below the plot");
  }

  @Test
  void sixScenariosGetColoursTellableApart() {
    History h = new History();
    for (String s : List.of("A", "B", "C", "D", "E", "E'")) {
      h.add(new EpochResult(s, 1, 0.7, 0.76, 0.53, 0.81, 0, 2, false));
    }
    var chart = Charts.chart(h, Metric.VAL_ACCURACY);
    org.knowm.xchart.BitmapEncoder.getBufferedImage(chart); // colours are assigned when drawn
    List<java.awt.Color> colours =
        chart.getSeriesCollection().stream().map(series -> series.getLineColor()).toList();
    assertEquals(6, colours.size());
    // XChart's own sixth colour, yellow, lies 43 RGB units from its second, orange.
    for (int i = 0; i < colours.size(); i++) {
      for (int j = i + 1; j < colours.size(); j++) {
        double d = rgbDistance(colours.get(i), colours.get(j));
        assertTrue(d > 100, "series " + i + " and " + j + " look alike: distance " + d);
      }
    }
  }

  private static double rgbDistance(java.awt.Color a, java.awt.Color b) {
    return Math.sqrt(
        Math.pow(a.getRed() - b.getRed(), 2)
            + Math.pow(a.getGreen() - b.getGreen(), 2)
            + Math.pow(a.getBlue() - b.getBlue(), 2));
  }

  private static Table trajectories(String... names) {
    Table t = Table.create("trajectories", DoubleColumn.create("step", 0, 100, 200));
    for (String name : names) {
      t.addColumns(DoubleColumn.create(name, 1e-8, 1e-6, 1e-3));
    }
    return t;
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
