package dev.scalinglab.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The median of repeated measurements and their range.
 *
 * @param median the median (the mean of the two middle values for an even count)
 * @param min the smallest value
 * @param max the largest value
 * @param count how many values
 */
public record Spread(double median, double min, double max, int count) {

  /** Returns the spread of {@code values} (at least one). */
  public static Spread of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new Spread(median, sorted[0], sorted[n - 1], n);
  }

  /** Returns the element-wise ratios a[i] / b[i] of two equally long series. */
  public static double[] ratios(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("series of " + a.length + " and " + b.length + " values");
    }
    double[] r = new double[a.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = a[i] / b[i];
    }
    return r;
  }

  /** Returns whether the whole range lies below {@code limit}. */
  public boolean below(double limit) {
    return max < limit;
  }

  /** Returns e.g. "0.93 (0.88–0.99)" with {@code decimals} decimals. */
  public String format(int decimals) {
    String f = "%." + decimals + "f";
    return String.format(Locale.ROOT, f + " (" + f + "–" + f + ")", median, min, max);
  }
}
