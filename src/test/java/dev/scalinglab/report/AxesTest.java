package dev.scalinglab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void aLogAxisKeepsTheDataAndSpansWholeDecadesLabelledAsPowersOfTen() {
    XYChart loss = Charts.chart(oneEpoch(), Metric.LOSS);
    assertTrue(loss.getStyler().isYAxisLogarithmic());
    assertArrayEquals(new double[] {5.33e12}, loss.getSeries("B").getYData());
    assertEquals(1.0, loss.getStyler().getYAxisMin());
    assertEquals(1e13, loss.getStyler().getYAxisMax());
    var label = loss.getStyler().getYAxisTickLabelsFormattingFunction();
    List<String> decades = new ArrayList<>();
    for (int k = 0; k <= 13; k++) {
      decades.add(label.apply(Math.pow(10, k)));
    }
    assertEquals(
        List.of("10⁰", "", "10²", "", "10⁴", "", "10⁶", "", "10⁸", "", "10¹⁰", "", "10¹²", ""),
        decades,
        "every second decade of fourteen, all as powers of ten (not 100 beside 10⁴)");
    assertEquals("", label.apply(3e4), "no labels between decades over many decades");
    assertEquals("10⁻⁷", Axes.logLabel(1e-7));
    assertEquals("0.01", Axes.logLabel(0.01));
  }

  @Test
  void aLogAxisOverOneDecadeAlsoLabelsTwoAndFive() {
    History h = new History();
    h.add(new EpochResult("A", 1, 0.72, 0.76, 0.53, 0.81, 0, 2, false));
    h.add(new EpochResult("A", 2, 0.35, 0.83, 0.48, 0.83, 0, 2, false));
    XYChart loss = Charts.chart(h, Metric.LOSS);
    assertArrayEquals(new double[] {0.72, 0.35}, loss.getSeries("A").getYData());
    assertEquals(0.1, loss.getStyler().getYAxisMin(), 1e-15);
    assertEquals(1.0, loss.getStyler().getYAxisMax());
    var label = loss.getStyler().getYAxisTickLabelsFormattingFunction();
    List<String> ticks = new ArrayList<>();
    for (int j = 1; j <= 10; j++) {
      ticks.add(label.apply(0.1 * j)); // XChart's log ticks: 1..10 times the decade
    }
    assertEquals(List.of("0.1", "0.2", "", "", "0.5", "", "", "", "", "1"), ticks);
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
    assertEquals("3.2·10⁴", Axes.logLabel(32_000));
    assertEquals("5·10⁻⁷", Axes.logLabel(5e-7));
    assertEquals("320", Axes.logLabel(320));
    assertEquals("2·10⁴", Axes.logLabels(4, 5).apply(2e4));
    // An axis from 100 to 10⁴: 100 reads 10², 500 reads 5·10², like its neighbour 10⁴.
    assertEquals("10²", Axes.logLabels(2, 4).apply(100.0));
    assertEquals("5·10²", Axes.logLabels(2, 4).apply(500.0));
    // Within 0.01 … 1000 the whole axis stays plain.
    assertEquals("500", Axes.logLabels(2, 3).apply(500.0));
    // A linear axis of tiny values labels its zero "0", not "0E0".
    var tiny = Axes.labels(Axes.niceRange(-3e-4, 4e-4));
    assertEquals("0", tiny.apply(0.0));
    assertEquals("2E-4", tiny.apply(2e-4));
  }
}
