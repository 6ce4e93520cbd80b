package dev.scalinglab.widgets;

import java.util.function.DoubleConsumer;

/** A slider over decimals ({@code FloatSliderModel}). */
public final class FloatSlider extends Slider {

  /** Creates a slider 0..100, step 0.1, at 0. */
  public FloatSlider() {
    super("FloatSliderModel", "FloatSliderView", 0.0, 100.0, 0.1, 0.0);
    declare("readout_format", ".2f");
  }

  /** Returns the current value. */
  public double value() {
    return get("value").getAsDouble();
  }

  /** Sets the value. */
  public FloatSlider value(double v) {
    set("value", v);
    return this;
  }

  /** Sets the smallest value. */
  public FloatSlider min(double v) {
    set("min", v);
    return this;
  }

  /** Sets the largest value. */
  public FloatSlider max(double v) {
    set("max", v);
    return this;
  }

  /** Sets the step. */
  public FloatSlider step(double v) {
    set("step", v);
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
