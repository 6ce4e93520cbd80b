package dev.scalinglab.report;

import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.colors.XChartSeriesColors;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of a {@link History}, drawn offline with XChart and returned as images: the CLI saves them
 * as PNG, a notebook displays them.
 */
public final class Charts {

  /** Default width of one panel in pixels. */
  public static final int WIDTH = 640;

  /** Default height of one panel in pixels. */
  public static final int HEIGHT = 420;

  /**
   * XChart's series colours with its sixth, yellow, moved to the end: yellow next to the second,
   * orange, made B and E′ (the six scenarios of notebook 2) look alike. The first five stay.
   */
  private static final Color[] SERIES_COLORS = {
    XChartSeriesColors.BLUE,
    XChartSeriesColors.ORANGE,
    XChartSeriesColors.PURPLE,
    XChartSeriesColors.GREEN,
    XChartSeriesColors.RED,
    XChartSeriesColors.BLACK,
    XChartSeriesColors.CYAN,
    XChartSeriesColors.BROWN,
    XChartSeriesColors.MAGENTA,
    XChartSeriesColors.PINK,
    XChartSeriesColors.LIGHT_GREY,
    XChartSeriesColors.YELLOW
  };

  /** Legend width per series name: its characters at the legend font, plus marker and gap. */
  private static final int LEGEND_PIXELS_PER_CHAR = 7;

  private static final int LEGEND_PIXELS_PER_ENTRY = 40;

  /** Height of one legend line when the legend is stacked. */
  private static final int LEGEND_LINE_PIXELS = 18;

  private Charts() {}

  /**
   * Returns an empty chart in the project's style: white background, legend below the plot. Every
   * chart of the project starts here.
   */
  public static XYChart newChart(String title, String xLabel, String yLabel, int width) {
    return newChart(title, xLabel, yLabel, width, HEIGHT);
  }

  /** Returns an empty chart in the project's style, {@code height} pixels high. */
  public static XYChart newChart(
      String title, String xLabel, String yLabel, int width, int height) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle(xLabel)
            .yAxisTitle(yLabel)
            .build();
    Styler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setSeriesColors(SERIES_COLORS);
    return chart;
  }

  /** Returns a line chart of {@code metric} per epoch, one line per scenario. */
  public static BufferedImage metric(History history, Metric metric) {
    return image(chart(history, metric));
  }

  /** Returns the learning curves: training loss (log axis) beside validation accuracy. */
  public static BufferedImage curves(History history) {
    return sideBySide(metric(history, Metric.LOSS), metric(history, Metric.VAL_ACCURACY));
  }

  /**
   * Returns the XChart chart behind {@link #metric}, for callers who want to restyle it: its y
   * values are the metric's (on XChart's log axis for a log metric), without the epochs it cannot
   * draw (NaN, infinite, and on a log axis zero).
   */
  public static XYChart chart(History history, Metric metric) {
    XYChart chart = newChart(metric.label() + " per epoch", "epoch", metric.label(), WIDTH);
    chart.getStyler().setXAxisDecimalPattern("0");
    boolean any = false;
    int index = 0;
    List<Double> all = new ArrayList<>();
    for (String scenario : history.scenarios()) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (EpochResult row : history.rows(scenario)) {
        double v = metric.of(row);
        // Log axes cannot show zero; diverged epochs (NaN, inf) cannot be drawn at all.
        if (Double.isFinite(v) && (!metric.logScale() || v > 0)) {
          x.add((double) row.epoch());
          y.add(v);
          all.add(v);
        }
      }
      if (!x.isEmpty()) {
        String label = history.diverged(scenario) ? scenario + " (diverged)" : scenario;
        var series = chart.addSeries(label, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        // Alternate solid and dashed lines: C lies exactly on A, and both must stay visible.
        if (index++ % 2 == 1) {
          series.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        }
        any = true;
      }
    }
    if (!any) {
      chart.addSeries("no data yet", List.of(0.0), List.of(0.0));
    } else if (metric.logScale()) {
      Axes.logY(chart, min(all), max(all));
    } else {
      Axes.linearY(chart, all.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return chart;
  }

  /**
   * Returns a line chart of a table: {@code xColumn} on the x axis and every other numeric column
   * as a line; non-positive values are left out when {@code logY} is set.
   */
  public static BufferedImage lines(
      tech.tablesaw.api.Table table, String xColumn, String yLabel, boolean logY) {
    int width = WIDTH + 160;
    List<String> names =
        table.columns().stream()
            .filter(c -> !c.name().equals(xColumn))
            .filter(c -> c instanceof tech.tablesaw.api.NumericColumn<?>)
            .map(c -> c.name())
            .toList();
    int legendWidth =
        names.stream()
            .mapToInt(n -> LEGEND_PIXELS_PER_ENTRY + LEGEND_PIXELS_PER_CHAR * n.length())
            .sum();
    // Long series names (a scenario and its description) do not fit in one legend row: one per
    // line below the plot instead, the chart growing by those lines.
    boolean stacked = legendWidth > width;
    XYChart chart =
        newChart(
            table.name(),
            xColumn,
            yLabel,
            width,
            stacked ? HEIGHT + LEGEND_LINE_PIXELS * names.size() : HEIGHT);
    if (stacked) {
      chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
    }
    var xs = table.numberColumn(xColumn);
    List<Double> all = new ArrayList<>();
    for (var column : table.columns()) {
      if (column.name().equals(xColumn)
          || !(column instanceof tech.tablesaw.api.NumericColumn<?> y)) {
        continue;
      }
      List<Double> x = new ArrayList<>();
      List<Double> v = new ArrayList<>();
      for (int row = 0; row < table.rowCount(); row++) {
        double value = y.getDouble(row);
        if (Double.isFinite(value) && (!logY || value > 0)) {
          x.add(xs.getDouble(row));
          v.add(value);
          all.add(value);
        }
      }
      if (!x.isEmpty()) {
        chart.addSeries(column.name(), x, v).setMarker(SeriesMarkers.CIRCLE);
      }
    }
    Axes.linearX(chart, xs.asDoubleArray());
    if (all.isEmpty()) {
      chart.addSeries("no data", List.of(0.0), List.of(0.0));
    } else if (logY) {
      Axes.logY(chart, min(all), max(all));
    } else {
      Axes.linearY(chart, all.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return image(chart);
  }

  /**
   * Returns a histogram of {@code values} with {@code bins} equal bins between their minimum and
   * maximum; the y axis counts values per bin on a log scale, so rare tails stay visible.
   */
  public static BufferedImage histogram(String title, String xLabel, float[] values, int bins) {
    if (values.length == 0 || bins < 1) {
      throw new IllegalArgumentException("a histogram needs values and at least one bin");
    }
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double width = max > min ? (max - min) / (double) bins : 1;
    double[] counts = new double[bins];
    for (float v : values) {
      counts[(int) Math.min(bins - 1, Math.floor((v - min) / width))]++;
    }
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (int i = 0; i < bins; i++) {
      if (counts[i] > 0) {
        x.add(min + (i + 0.5) * width);
        y.add(counts[i]);
      }
    }
    XYChart chart = newChart(title, xLabel, "count (log scale)", WIDTH);
    chart.getStyler().setLegendVisible(false);
    Axes.linearX(chart, min, max);
    Axes.logY(chart, 1, max(y));
    chart
        .addSeries("count", x, y)
        .setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Area)
        .setMarker(SeriesMarkers.NONE);
    return image(chart);
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** Returns the panels drawn next to each other on a white background. */
  public static BufferedImage sideBySide(BufferedImage... panels) {
    int width = 0;
    int height = 0;
    for (BufferedImage p : panels) {
      width += p.getWidth();
      height = Math.max(height, p.getHeight());
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    int x = 0;
    for (BufferedImage p : panels) {
      g.drawImage(p, x, 0, null);
      x += p.getWidth();
    }
    g.dispose();
    List<String> titles = new ArrayList<>();
    for (BufferedImage p : panels) {
      if (ImageText.title(p) != null) {
        titles.add(ImageText.title(p));
      }
    }
    return ImageText.titled(out, String.join(" | ", titles));
  }

  /** Returns the chart drawn as an image that carries its title for {@link #describe}. */
  public static BufferedImage image(XYChart chart) {
    return ImageText.titled(BitmapEncoder.getBufferedImage(chart), chart.getTitle());
  }

  /**
   * Returns what {@code image} is, for where it cannot be shown: {@code chart "title" (640×420 px)}
   * for this project's charts, {@code image (W×H px)} for others.
   */
  public static String describe(BufferedImage image) {
    return ImageText.describe(image);
  }

  /** Returns the image encoded as PNG. */
  public static byte[] png(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the image as a PNG file. */
  public static void savePng(BufferedImage image, Path file) throws IOException {
    Files.write(file, png(image));
  }
}
