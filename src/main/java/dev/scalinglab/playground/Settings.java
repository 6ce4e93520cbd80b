package dev.scalinglab.playground;

import dev.scalinglab.train.OptimizerKind;
import java.util.Locale;

/**
 * What the playground trains: input scale s, learning rate, compensation rule, optimizer, epochs
 * and train size.
 */
public record Settings(
    double scale,
    double learningRate,
    Compensation compensation,
    OptimizerKind optimizer,
    int epochs,
    int trainSize) {

  /** Validates each field with a message naming it. */
  public Settings {
    if (!(scale >= 1 && scale <= 1000)) {
      throw new IllegalArgumentException("input scale s must be in 1..1000, got " + scale);
    }
    if (!(learningRate > 0 && learningRate <= 1)) {
      throw new IllegalArgumentException("learning rate must be in (0, 1], got " + learningRate);
    }
    if (epochs < 1 || epochs > 20) {
      throw new IllegalArgumentException("epochs must be in 1..20, got " + epochs);
    }
  }

  /** Returns s as the run's name, e.g. {@code s=64}: the table and the legend show it. */
  public String runName() {
    return "s=" + number(scale);
  }

  /** Returns one line for a status label. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "s = %s · lr = %s · %s · %s · %d epoch%s · %,d images",
        number(scale),
        number(learningRate),
        compensation.label(),
        optimizer,
        epochs,
        epochs == 1 ? "" : "s",
        trainSize);
  }

  /** Formats with three significant digits, no exponent for 1e-4..1e4. */
  static String number(double v) {
    String s = String.format(Locale.ROOT, "%.3g", v);
    if (s.contains("e")) {
      return s;
    }
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }
}
