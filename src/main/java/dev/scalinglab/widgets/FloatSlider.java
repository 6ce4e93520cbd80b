package dev.scalinglab.widgets;

import java.util.function.DoubleConsumer;

/** A slider over decimals ({@code FloatSliderModel}). */
public final class FloatSlider extends Slider {
  private static final Trait<Double> MIN = Trait.decimal("min", 0.0);
  private static final Trait<Double> MAX = Trait.decimal("max", 100.0);
  private static final Trait<Double> STEP = Trait.decimal("step", 0.1);
  private static final Trait<Double> VALUE = Trait.decimal("value", 0.0);

  /** Creates a slider 0..100, step 0.1, at 0. */
  public FloatSlider() {
    super("FloatSliderModel", "FloatSliderView");
    bounded(MIN, MAX, VALUE, v -> v, v -> v);
    declare(STEP);
    declare("readout_format", ".2f");
  }

  /** Returns the current value. */
  public double value() {
    return get(VALUE);
  }

  /** Sets the value. */
  public FloatSlider value(double v) {
    set(VALUE, v);
    return this;
  }

  /** Sets the smallest value (moving max up if it is below); the value is clamped. */
  public FloatSlider min(double v) {
    setBound(MIN, MAX, v, true);
    return this;
  }

  /** Sets the largest value (moving min down if it is above); the value is clamped. */
  public FloatSlider max(double v) {
    setBound(MAX, MIN, v, false);
    return this;
  }

  /** Sets the step. */
  public FloatSlider step(double v) {
    set(STEP, v);
    return this;
  }

  /** Sets the label. */
  public FloatSlider description(String text) {
    setDescription(text);
    return this;
  }

  /** Calls {@code listener} with each new value. */
  public FloatSlider onValueChange(DoubleConsumer listener) {
    observe("value", v -> listener.accept(value()));
    return this;
  }
}
