package dev.scalinglab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class AxesTest {

  private static History oneEpoch() {
    History h = new History();
    h.add(new EpochResult("A", 1, 1.8648, 0.47, 1.48, 0.639, 0.0, 2, false));
    h.add(new EpochResult("B", 1, 5.33e12, 0.0973, 714.15, 0.0908, 0.9666666666666667, 3, false));
    return h;
  }

  /** The labels of ticks {@code step} apart over the chart's y axis. */
  private static List<String> yLabels(
      XYChart chart, double step, java.util.function.Function<Double, String> label) {
    List<String> labels = new ArrayList<>();
    double min = chart.getStyler().getYAxisMin();
    for (double v = min; v <= chart.getStyler().getYAxisMax() + 1e-9; v += step) {
      labels.add(label.apply(v));
    }
    return labels;
  }

  @Test
  void twoValuesGetARoundAxisWithRoundedLabels() {
    // XChart alone labels the two data values: 0 and 0.966666666666667.
    XYChart dead = Charts.chart(oneEpoch(), Metric.DEAD_RELU);
    assertEquals(0.0, dead.getStyler().getYAxisMin());
    assertEquals(1.0, dead.getStyler().getYAxisMax());
    var labels = Axes.labels(Axes.niceRange(0, 0.9666666666666667));
    assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0"), yLabels(dead, 0.2, labels));
    assertEquals("0.05", labels.apply(0.05), "XChart's finer steps still read");
  }

  @Test
  void aLogAxisSpansWholeDecadesLabelledAsPowersOfTen() {
    XYChart loss = Charts.chart(oneEpoch(), Metric.LOSS);
    assertEquals(0.0, loss.getStyler().getYAxisMin());
    assertEquals(13.0, loss.getStyler().getYAxisMax());
    assertEquals(
        List.of("1", "100", "10⁴", "10⁶", "10⁸", "10¹⁰", "10¹²"),
        yLabels(loss, 2, Axes::decadeLabel));
    assertEquals("3.2", Axes.decadeLabel(0.5));
    assertEquals("10⁻⁷", Axes.decadeLabel(-7));
    assertEquals("0.01", Axes.decadeLabel(-2));
  }

  @Test
  void roundRangesAndSteps() {
    assertEquals(new Axes.Range(-4, 4, 2), Axes.niceRange(-2.69541503190994, 1.34478460550308, 3));
    assertEquals(new Axes.Range(0.8, 0.88, 0.02), Axes.niceRange(0.8092, 0.8626));
    assertEquals(2.5, Axes.niceStep(2.1));
    assertEquals("-100,000", Axes.labels(Axes.niceRange(-1.2e5, 5e4)).apply(-1e5));
    assertEquals("0", Axes.labels(new Axes.Range(-4, 4, 2)).apply(-1e-17));
  }

  @Test
  void oneNotationPerAxisAndZeroIsZero() {
    // Between 10⁴ and 10⁵ a tick reads like its neighbours, not 3.2E4.
    assertEquals("3.2·10⁴", Axes.decadeLabel(Math.log10(32_000)));
    assertEquals("5·10⁻⁷", Axes.decadeLabel(Math.log10(5e-7)));
    assertEquals("320", Axes.decadeLabel(Math.log10(320)));
    // A linear axis of tiny values labels its zero "0", not "0E0".
    var tiny = Axes.labels(Axes.niceRange(-3e-4, 4e-4));
    assertEquals("0", tiny.apply(0.0));
    assertEquals("2E-4", tiny.apply(2e-4));
  }
}
