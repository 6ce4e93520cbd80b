package dev.scalinglab.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.function.Function;
import org.knowm.xchart.XYChart;

/**
 * Axis ranges and tick labels every chart shares, so that a chart reads the same at one epoch and
 * at fifty: linear axes get round bounds and rounded labels (XChart otherwise labels the data
 * values themselves when a series has only one or two, e.g. {@code 0.966666666666667}); log axes
 * are XChart's own, labelled as powers of ten.
 */
public final class Axes {

  private static final DecimalFormatSymbols ROOT = DecimalFormatSymbols.getInstance(Locale.ROOT);
  private static final char[] SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹".toCharArray();

  /** About this many labelled ticks on an axis. */
  static final int TICKS = 5;

  private Axes() {}

  /** A round range with its tick step. */
  record Range(double min, double max, double step) {}

  /**
   * Returns round bounds around the finite values in {@code values} with a step of 1, 2, 2.5 or 5
   * times a power of ten, about {@link #TICKS} steps; a single value gets a range around it. Null
   * if no value is finite.
   */
  static Range niceRange(double... values) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (min > max) {
      return null;
    }
    if (max - min <= 1e-12 * Math.max(1, Math.abs(max))) {
      double half = min == 0 ? 1 : Math.abs(min) * 0.1;
      min -= half;
      max += half;
    }
    double step = niceStep((max - min) / TICKS);
    return new Range(Math.floor(min / step) * step, Math.ceil(max / step) * step, step);
  }

  /** Returns 1, 2, 2.5 or 5 times a power of ten, the smallest such value at least {@code raw}. */
  static double niceStep(double raw) {
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * power >= raw * (1 - 1e-9)) {
        return m * power;
      }
    }
    return 10 * power;
  }

  /**
   * Returns the label format for ticks {@code step} apart within {@code range}: as many decimals as
   * the step needs (up to two more for XChart's finer steps), scientific for huge or tiny numbers.
   */
  static DecimalFormat format(Range range) {
    double magnitude = Math.max(Math.abs(range.min()), Math.abs(range.max()));
    if (magnitude >= 1e9 || magnitude < 1e-3) {
      return new DecimalFormat("0.##E0", ROOT);
    }
    if (magnitude >= 1e4) {
      return new DecimalFormat("#,##0", ROOT);
    }
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(range.step()) - 1e-9));
    DecimalFormat format =
        new DecimalFormat(decimals == 0 ? "0" : "0." + "0".repeat(decimals), ROOT);
    format.setMaximumFractionDigits(decimals + 2);
    return format;
  }

  /** Returns the tick label function for {@code range}; no "-0" from rounding noise. */
  static Function<Double, String> labels(Range range) {
    DecimalFormat format = format(range);
    // Zero is "0" whatever the format: a scientific axis would otherwise label it "0E0".
    String zero = format.format(0.0).contains("E") ? "0" : format.format(0.0);
    return v -> Math.abs(v) < range.step() * 1e-6 ? zero : format.format(v);
  }

  /** Fits the y axis to {@code values} with round bounds and rounded labels. */
  static void linearY(XYChart chart, double... values) {
    Range range = niceRange(values);
    if (range == null) {
      return;
    }
    chart.getStyler().setYAxisMin(range.min());
    chart.getStyler().setYAxisMax(range.max());
    chart.setCustomYAxisTickLabelsFormatter(labels(range));
  }

  /** Fits the x axis to {@code values} with round bounds and rounded labels. */
  static void linearX(XYChart chart, double... values) {
    Range range = niceRange(values);
    if (range == null) {
      return;
    }
    chart.getStyler().setXAxisMin(range.min());
    chart.getStyler().setXAxisMax(range.max());
    // A pattern, not a formatter: with a formatter XChart labels every x value of the data.
    chart.getStyler().setXAxisDecimalPattern(format(range).toPattern());
  }

  /**
   * Makes the y axis XChart's log axis (the series keep their own values) spanning {@code min..max}
   * with whole decades as bounds. Over at most {@link #FINE_DECADES} decades every 1, 2 and 5 times
   * a power of ten is labelled, over more only every {@code k}-th decade, {@code k} in 1, 2, 3, 5,
   * 10, so that at most {@link #TICKS} + 2 labels stand on the axis; labels as {@link #logLabel}.
   * Needs XChart 4, whose log axis takes a label function (3.8 ignored the log scale once one was
   * set, so the series had to carry log10 values on a linear axis).
   */
  public static void logY(XYChart chart, double min, double max) {
    int lo = (int) Math.floor(Math.log10(min));
    int hi = (int) Math.ceil(Math.log10(max));
    if (!(min > 0) || !Double.isFinite(max)) {
      return;
    }
    if (hi <= lo) {
      hi = lo + 1;
    }
    var styler = chart.getStyler();
    styler.setYAxisLogarithmic(true);
    styler.setYAxisMin(Math.pow(10, lo));
    styler.setYAxisMax(Math.pow(10, hi));
    boolean coarse = hi - lo > FINE_DECADES;
    styler.setYAxisLogarithmicDecadeOnly(coarse);
    // XChart draws a grid line at every tick, nine a decade: over many decades they would hatch
    // the plot, so the tick marks on the axis stand alone there.
    styler.setPlotGridHorizontalLinesVisible(!coarse);
    chart.setCustomYAxisTickLabelsFormatter(logLabels(lo, hi));
  }

  /** Over at most this many decades a log axis also labels 2 and 5 times a power of ten. */
  static final int FINE_DECADES = 2;

  /**
   * Returns the label function of a log axis from 10^lo to 10^hi: plain numbers where the whole
   * axis lies within 0.01 … 1000, else every label as a power of ten ({@code 10⁰}, {@code 10²},
   * {@code 2·10⁴}), so that one axis never mixes {@code 100} with {@code 10⁴}.
   */
  static Function<Double, String> logLabels(int lo, int hi) {
    int decades = hi - lo;
    int every = decadeStep(lo, hi);
    boolean powers = lo < PLAIN_MIN_POWER || hi > PLAIN_MAX_POWER;
    return v -> {
      double exponent = Math.log10(v);
      long k = Math.round(exponent);
      if (Math.abs(exponent - k) < 1e-9) {
        return Math.floorMod(k, every) == 0 ? logLabel(v, powers) : "";
      }
      double mantissa = v / Math.pow(10, Math.floor(exponent + 1e-9));
      boolean fine = decades <= FINE_DECADES;
      return fine && (Math.abs(mantissa - 2) < 1e-6 || Math.abs(mantissa - 5) < 1e-6)
          ? logLabel(v, powers)
          : "";
    };
  }

  /**
   * Returns 1, 2, 3, 5 or 10, the smallest {@code k} such that at most {@link #TICKS} + 2 of the
   * decades 10^lo … 10^hi are multiples of k.
   */
  static int decadeStep(int lo, int hi) {
    for (int every : new int[] {1, 2, 3, 5}) {
      long labelled =
          java.util.stream.IntStream.rangeClosed(lo, hi)
              .filter(k -> Math.floorMod(k, every) == 0)
              .count();
      if (labelled <= TICKS + 2) {
        return every;
      }
    }
    return 10;
  }

  /**
   * Returns the label of a value on a log axis: a power of ten ({@code 0.01 … 1000}, else {@code
   * 10⁴}), or two significant digits between them ({@code 320}, {@code 3.2·10⁴}).
   */
  static String logLabel(double value) {
    return logLabel(value, false);
  }

  /** As {@link #logLabel(double)}, but as a power of ten whatever its size when {@code powers}. */
  static String logLabel(double value, boolean powers) {
    double rounded = new BigDecimal(value).round(new MathContext(2)).doubleValue();
    long power = (long) Math.floor(Math.log10(rounded) + 1e-9);
    double mantissa = rounded / Math.pow(10, power);
    if (Math.abs(mantissa - 1) < 1e-9) {
      return powers ? superscriptPower(power) : powerOfTen(power);
    }
    if (!powers && power >= PLAIN_MIN_POWER && power <= PLAIN_MAX_POWER) {
      return new DecimalFormat("0.####", ROOT).format(rounded);
    }
    // Beside 10⁴ on the same axis, 3.2·10⁴ rather than 3.2E4: one notation per axis.
    return new DecimalFormat("0.#", ROOT).format(mantissa) + "·" + superscriptPower(power);
  }

  /** Powers of ten from 10^-2 to 10^3 read best as plain numbers (0.01 … 1000). */
  static final int PLAIN_MIN_POWER = -2;

  static final int PLAIN_MAX_POWER = 3;

  /** Returns 10^k as {@code 0.01 … 1000} or {@code 10⁻⁶}, {@code 10¹²}. */
  static String powerOfTen(long k) {
    if (k >= PLAIN_MIN_POWER && k <= PLAIN_MAX_POWER) {
      return new DecimalFormat("0.##", ROOT).format(Math.pow(10, k));
    }
    return superscriptPower(k);
  }

  /** Returns 10^k as {@code 10⁻⁶}, {@code 10⁰}, {@code 10¹²}. */
  static String superscriptPower(long k) {
    StringBuilder sb = new StringBuilder("10");
    String digits = Long.toString(Math.abs(k));
    if (k < 0) {
      sb.append('⁻');
    }
    for (char c : digits.toCharArray()) {
      sb.append(SUPERSCRIPT[c - '0']);
    }
    return sb.toString();
  }
}
