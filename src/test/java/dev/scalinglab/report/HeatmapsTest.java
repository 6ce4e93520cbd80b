package dev.scalinglab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.experiment.SeedStudy;
import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HeatmapsTest {

  @Test
  void heatmapHasAPanelPerModelAndGreyDivergedCells() {
    Table t =
        Table.create(
            "sweep",
            StringColumn.create(
                "model", "uncompensated", "uncompensated", "compensated", "compensated"),
            DoubleColumn.create("scale", 1, 1, 1, 1),
            DoubleColumn.create("lr", 0.01, 10, 0.01, 10),
            DoubleColumn.create("val_accuracy", 0.8, Double.NaN, 0.8, 0.1),
            StringColumn.create("status", "ok", "diverged", "ok", "ok"));
    BufferedImage img = Heatmaps.image(t, "val_accuracy", "t", 0, 1);
    assertTrue(img.getWidth() > 2 * 2 * 90, "two panels of two columns: " + img.getWidth());
    // Scan the image for the grey of a diverged cell.
    boolean grey = false;
    for (int x = 0; x < img.getWidth() && !grey; x++) {
      for (int y = 0; y < img.getHeight() && !grey; y++) {
        grey = img.getRGB(x, y) == new Color(170, 170, 170).getRGB();
      }
    }
    assertTrue(grey, "diverged cell drawn grey");
    assertNotEquals(Heatmaps.color(0).getRGB(), Heatmaps.color(1).getRGB());
    byte[] png = Charts.png(img);
    assertEquals('P', png[1]);
  }

  @Test
  void bandChartHasABandAndAMeanLinePerScenario() {
    History h = new History();
    h.add(new EpochResult("A[seed=1]", 1, 1, 0.5, 1, 0.80, 0, 1, false));
    h.add(new EpochResult("A[seed=2]", 1, 1, 0.5, 1, 0.82, 0, 1, false));
    h.add(new EpochResult("A[seed=1]", 2, 1, 0.5, 1, 0.85, 0, 1, false));
    h.add(new EpochResult("A[seed=2]", 2, 1, 0.5, 1, 0.86, 0, 1, false));
    var chart = Bands.chart(SeedStudy.aggregate(h), "val_accuracy", "validation accuracy");
    assertEquals(2, chart.getSeriesCollection().size());
    var band = chart.getSeries("A min–max");
    assertEquals(XYSeriesRenderStyle.PolygonArea, band.getXYSeriesRenderStyle().orElseThrow());
    // Closed polygon: max forward, min backward.
    assertEquals(0.86, band.getYData()[1], 1e-12);
    assertEquals(0.85, band.getYData()[2], 1e-12);
    assertEquals(0.80, band.getYData()[3], 1e-12);
    assertTrue(Charts.png(Bands.image(SeedStudy.aggregate(h), "val_accuracy", "v")).length > 5_000);
  }
}
