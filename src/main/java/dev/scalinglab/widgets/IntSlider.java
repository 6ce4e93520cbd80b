package dev.scalinglab.widgets;

import java.util.function.IntConsumer;

/** A slider over integers ({@code IntSliderModel}). */
public final class IntSlider extends Slider {
  private static final Trait<Integer> MIN = Trait.integer("min", 0);
  private static final Trait<Integer> MAX = Trait.integer("max", 100);
  private static final Trait<Integer> STEP = Trait.integer("step", 1);
  private static final Trait<Integer> VALUE = Trait.integer("value", 0);

  /** Creates a slider 0..100, step 1, at 0. */
  public IntSlider() {
    super("IntSliderModel", "IntSliderView");
    bounded(MIN, MAX, VALUE, v -> v, v -> v);
    declare(STEP);
    declare("readout_format", "d");
  }

  /** Returns the current value. */
  public int value() {
    return get(VALUE);
  }

  /** Sets the value. */
  public IntSlider value(int v) {
    set(VALUE, v);
    return this;
  }

  /** Sets the smallest value (moving max up if it is below); the value is clamped. */
  public IntSlider min(int v) {
    setBound(MIN, MAX, v, true);
    return this;
  }

  /** Sets the largest value (moving min down if it is above); the value is clamped. */
  public IntSlider max(int v) {
    setBound(MAX, MIN, v, false);
    return this;
  }

  /** Sets the step. */
  public IntSlider step(int v) {
    set(STEP, v);
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
