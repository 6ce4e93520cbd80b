package dev.scalinglab.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Four decimals for ordinary numbers, scientific notation for tiny and huge ones: a table can then
 * show both an accuracy (0.8092) and a float-rounding difference (3.1E-7) without hiding either.
 */
final class AdaptiveNumberFormat extends NumberFormat {

  private static final long serialVersionUID = 1L;
  private static final DecimalFormatSymbols ROOT = DecimalFormatSymbols.getInstance(Locale.ROOT);

  private final DecimalFormat fixed = new DecimalFormat("#,##0.0000", ROOT);
  private final DecimalFormat scientific = new DecimalFormat("0.00E0", ROOT);

  @Override
  public StringBuffer format(double v, StringBuffer out, FieldPosition pos) {
    double a = Math.abs(v);
    boolean sci = Double.isFinite(v) && a != 0 && (a < 1e-3 || a >= 1e5);
    return (sci ? scientific : fixed).format(v, out, pos);
  }

  @Override
  public StringBuffer format(long v, StringBuffer out, FieldPosition pos) {
    return out.append(v);
  }

  @Override
  public Number parse(String source, ParsePosition pos) {
    return fixed.parse(source, pos);
  }
}
