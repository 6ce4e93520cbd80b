package dev.scalinglab.widgets;

import java.util.function.IntConsumer;

/** A slider over integers ({@code IntSliderModel}). */
public final class IntSlider extends Slider {

  /** Creates a slider 0..100, step 1, at 0. */
  public IntSlider() {
    super("IntSliderModel", "IntSliderView", 0, 100, 1, 0);
    declare("readout_format", "d");
  }

  /** Returns the current value. */
  public int value() {
    return get("value").getAsInt();
  }

  /** Sets the value. */
  public IntSlider value(int v) {
    set("value", v);
    return this;
  }

  /** Sets the smallest value. */
  public IntSlider min(int v) {
    set("min", v);
    return this;
  }

  /** Sets the largest value. */
  public IntSlider max(int v) {
    set("max", v);
    return this;
  }

  /** Sets the step. */
  public IntSlider step(int v) {
    set("step", v);
    return this;
  }

  /** Sets the label. */
  public IntSlider description(String text) {
    setDescription(text);
    return this;
  }

  /** Calls {@code listener} with each new value. */
  public IntSlider onValueChange(IntConsumer listener) {
    observe("value", v -> listener.accept(value()));
    return this;
  }
}
