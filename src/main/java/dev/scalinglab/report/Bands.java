package dev.scalinglab.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

/**
 * Band charts of a seed study's aggregate (see {@code SeedStudy.aggregate}): per scenario, the mean
 * over seeds as a line and the seeds' minimum–maximum as a translucent band.
 */
public final class Bands {

  private static final Color[] COLORS = {
    new Color(31, 119, 180),
    new Color(214, 39, 40),
    new Color(44, 160, 44),
    new Color(255, 127, 14),
    new Color(148, 103, 189),
    new Color(140, 86, 75),
    new Color(227, 119, 194),
    new Color(127, 127, 127)
  };

  /** Half the width of the band drawn around a single epoch, so one-epoch runs still show it. */
  private static final double SINGLE_EPOCH_HALF_WIDTH = 0.15;

  private Bands() {}

  /** Returns the band chart of {@code metric} (e.g. "val_accuracy") as an image. */
  public static BufferedImage image(Table aggregate, String metric, String label) {
    return Charts.image(chart(aggregate, metric, label));
  }

  /**
   * Returns the XChart chart: for each scenario a band from {@code metric_min} to {@code
   * metric_max} and a line through {@code metric_mean}, per epoch.
   */
  public static XYChart chart(Table aggregate, String metric, String label) {
    int seeds = (int) aggregate.numberColumn("runs").max();
    XYChart chart =
        Charts.newChart(
            label + ": mean over " + seeds + " seeds, band = min–max",
            "epoch",
            label,
            Charts.WIDTH);
    List<String> ordered = new ArrayList<>();
    for (String s : aggregate.stringColumn("scenario")) {
      if (!ordered.contains(s)) {
        ordered.add(s);
      }
    }
    int index = 0;
    List<Double> all = new ArrayList<>();
    for (String scenario : ordered) {
      Table rows =
          aggregate.where(aggregate.stringColumn("scenario").isEqualTo(scenario)).sortOn("epoch");
      List<Double> epochs = new ArrayList<>();
      List<Double> mean = new ArrayList<>();
      List<Double> lo = new ArrayList<>();
      List<Double> hi = new ArrayList<>();
      for (int r = 0; r < rows.rowCount(); r++) {
        double m = rows.numberColumn(metric + "_mean").getDouble(r);
        double a = rows.numberColumn(metric + "_min").getDouble(r);
        double b = rows.numberColumn(metric + "_max").getDouble(r);
        if (Double.isFinite(m) && Double.isFinite(a) && Double.isFinite(b)) {
          epochs.add(rows.numberColumn("epoch").getDouble(r));
          mean.add(m);
          lo.add(a);
          hi.add(b);
          all.addAll(List.of(m, a, b));
        }
      }
      if (epochs.isEmpty()) {
        continue;
      }
      Color color = COLORS[index % COLORS.length];
      Color fill = new Color(color.getRed(), color.getGreen(), color.getBlue(), 70);
      List<Double> px = new ArrayList<>();
      List<Double> py = new ArrayList<>();
      if (epochs.size() == 1) {
        double e = epochs.get(0);
        px.addAll(List.of(e - SINGLE_EPOCH_HALF_WIDTH, e + SINGLE_EPOCH_HALF_WIDTH));
        py.addAll(List.of(hi.get(0), hi.get(0)));
        px.addAll(List.of(e + SINGLE_EPOCH_HALF_WIDTH, e - SINGLE_EPOCH_HALF_WIDTH));
        py.addAll(List.of(lo.get(0), lo.get(0)));
      } else {
        px.addAll(epochs);
        py.addAll(hi);
        for (int i = epochs.size() - 1; i >= 0; i--) {
          px.add(epochs.get(i));
          py.add(lo.get(i));
        }
      }
      var band = chart.addSeries(scenario + " min–max", px, py);
      band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
      band.setFillColor(fill);
      band.setLineColor(fill);
      band.setMarker(SeriesMarkers.NONE);
      band.setShowInLegend(false);
      var line = chart.addSeries(scenario + " (mean)", epochs, mean);
      line.setLineColor(color);
      line.setMarkerColor(color);
      line.setMarker(SeriesMarkers.CIRCLE);
      if (index % 2 == 1) {
        // C lies on A: alternate solid and dashed so both stay visible.
        line.setLineStyle(SeriesLines.DASH_DASH);
      }
      index++;
    }
    var epochs = aggregate.numberColumn("epoch");
    Axes.linearY(chart, all.stream().mapToDouble(Double::doubleValue).toArray());
    if (aggregate.rowCount() > 0 && epochs.min() == epochs.max()) {
      // One epoch: a tick pattern of whole epochs would label a fractional axis wrongly.
      chart.getStyler().setXAxisTicksVisible(false);
      chart.setXAxisTitle("epoch " + (int) epochs.min());
    }
    if (index == 0) {
      chart.addSeries("no data", List.of(0.0), List.of(0.0));
    }
    return chart;
  }
}
