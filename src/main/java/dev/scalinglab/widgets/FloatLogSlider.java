package dev.scalinglab.widgets;

import java.util.function.DoubleConsumer;

/**
 * A slider on a log scale ({@code FloatLogSliderModel}): {@code min}, {@code max} and {@code step}
 * are exponents of {@code base}; the value is the number itself.
 */
public final class FloatLogSlider extends Slider {

  /** Creates a slider 10^0..10^4, step 0.1 decades, at 1. */
  public FloatLogSlider() {
    super("FloatLogSliderModel", "FloatLogSliderView", 0.0, 4.0, 0.1, 1.0);
    declare("base", 10.0);
    declare("readout_format", ".3g");
  }

  /** Returns the current value. */
  public double value() {
    return get("value").getAsDouble();
  }

  /** Sets the value (not its exponent). */
  public FloatLogSlider value(double v) {
    set("value", v);
    return this;
  }

  /** Sets the range as values, e.g. {@code range(1, 1000)}: exponents log_base of each. */
  public FloatLogSlider range(double minValue, double maxValue) {
    if (!(minValue > 0 && maxValue > minValue)) {
      throw new IllegalArgumentException(
          "a log slider needs 0 < min < max, got " + minValue + ".." + maxValue);
    }
    double base = get("base").getAsDouble();
    set("min", Math.log(minValue) / Math.log(base));
    set("max", Math.log(maxValue) / Math.log(base));
    return this;
  }

  /** Sets the step, in exponents of the base. */
  public FloatLogSlider step(double exponentStep) {
    set("step", exponentStep);
    return this;
  }

  /** Sets the label. */
  public FloatLogSlider description(String text) {
    setDescription(text);
    return this;
  }

  /** Calls {@code listener} with each new value. */
  public FloatLogSlider onValueChange(DoubleConsumer listener) {
    observe("value", v -> listener.accept(value()));
    return this;
  }
}
