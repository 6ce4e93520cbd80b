package dev.scalinglab.widgets;

import java.util.function.DoubleConsumer;

/**
 * A slider on a log scale ({@code FloatLogSliderModel}): {@code min}, {@code max} and {@code step}
 * are exponents of {@code base}; the value is the number itself.
 */
public final class FloatLogSlider extends Slider {
  private static final Trait<Double> MIN = Trait.decimal("min", 0.0);
  private static final Trait<Double> MAX = Trait.decimal("max", 4.0);
  private static final Trait<Double> STEP = Trait.decimal("step", 0.1);
  private static final Trait<Double> VALUE = Trait.decimal("value", 1.0);
  private static final Trait<Double> BASE = Trait.decimal("base", 10.0);

  /**
   * Creates a slider 10^0..10^4, step 0.1 decades, at 1. As ipywidgets' {@code _BoundedLogFloat},
   * the value stays within base^min..base^max.
   */
  public FloatLogSlider() {
    super("FloatLogSliderModel", "FloatLogSliderView");
    declare(BASE);
    bounded(MIN, MAX, VALUE, e -> Math.pow(get(BASE), e), e -> Math.pow(get(BASE), e), "base");
    declare(STEP);
    declare("readout_format", ".3g");
  }

  /** Returns the current value. */
  public double value() {
    return get(VALUE);
  }

  /** Sets the value (not its exponent), clamped to base^min..base^max. */
  public FloatLogSlider value(double v) {
    set(VALUE, v);
    return this;
  }

  /** Sets the range as values, e.g. {@code range(1, 1000)}: exponents log_base of each. */
  public FloatLogSlider range(double minValue, double maxValue) {
    if (!(minValue > 0 && maxValue > minValue)) {
      throw new IllegalArgumentException(
          "a log slider needs 0 < min < max, got " + minValue + ".." + maxValue);
    }
    double base = get(BASE);
    double min = exponent(minValue, base);
    double max = exponent(maxValue, base);
    try (SyncHold hold = holdSync()) {
      setBound(MIN, MAX, min, true);
      setBound(MAX, MIN, max, false);
    }
    return this;
  }

  /** Returns log_base(value), exact for powers of ten in base 10 (1000 gives 3, not 2.9999…). */
  private static double exponent(double value, double base) {
    return base == 10.0 ? Math.log10(value) : Math.log(value) / Math.log(base);
  }

  /** Sets the step, in exponents of the base. */
  public FloatLogSlider step(double exponentStep) {
    set(STEP, exponentStep);
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
