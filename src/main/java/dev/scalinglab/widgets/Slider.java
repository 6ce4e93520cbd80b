package dev.scalinglab.widgets;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the three sliders share: orientation, readout, drag behaviour, style. Each slider declares
 * its own typed {@code min}, {@code max}, {@code step} and {@code value}, validated as ipywidgets'
 * bounded traits are ({@link #bounded}).
 */
public abstract class Slider extends DescriptionWidget {

  /** Declares the keys every slider has, with ipywidgets' defaults. */
  protected Slider(String model, String view) {
    super(model, view, sliderStyle());
    declare("behavior", "drag-tap");
    declare(Trait.bool("continuous_update", true));
    declare(Trait.bool("disabled", false));
    declare("orientation", "horizontal");
    declare(Trait.bool("readout", true));
  }

  /**
   * Declares {@code min}, {@code max} and {@code value} as ipywidgets' {@code _Bounded} traits do:
   * a min above max (or max below min) is refused, and the value is clamped into [low, high] of the
   * current bounds, re-validated when they move. {@code low} and {@code high} map the bounds to
   * values (the log slider's bounds are exponents).
   */
  protected final <T extends Comparable<T>> void bounded(
      Trait<T> min,
      Trait<T> max,
      Trait<T> value,
      java.util.function.Function<T, T> low,
      java.util.function.Function<T, T> high,
      String... moreDependencies) {
    declare(
        max.validatedBy(
            v -> {
              T lowest = get(min);
              if (v.compareTo(lowest) < 0) {
                throw new IllegalArgumentException("max " + v + " is below min " + lowest);
              }
              return v;
            }));
    declare(
        min.validatedBy(
            v -> {
              T highest = get(max);
              if (v.compareTo(highest) > 0) {
                throw new IllegalArgumentException("min " + v + " is above max " + highest);
              }
              return v;
            }));
    String[] dependencies = new String[moreDependencies.length + 2];
    dependencies[0] = min.name();
    dependencies[1] = max.name();
    System.arraycopy(moreDependencies, 0, dependencies, 2, moreDependencies.length);
    declare(
        value
            .validatedBy(
                v -> {
                  T lowest = low.apply(get(min));
                  T highest = high.apply(get(max));
                  return v.compareTo(lowest) < 0 ? lowest : v.compareTo(highest) > 0 ? highest : v;
                })
            .dependsOn(dependencies));
  }

  /**
   * Sets bound {@code bound} to {@code v}, first moving {@code other} to {@code v} if it would be
   * crossed: a builder chain ({@code min(1000).max(55000)} from the default 0..100) works in any
   * order, as ipywidgets' constructor accepts min and max in any order. The validators still refuse
   * a crossing bound set alone, e.g. from the frontend.
   */
  protected final <T extends Comparable<T>> void setBound(
      Trait<T> bound, Trait<T> other, T v, boolean isMin) {
    try (SyncHold hold = holdSync()) {
      T limit = get(other);
      if (isMin ? v.compareTo(limit) > 0 : v.compareTo(limit) < 0) {
        set(other, v);
      }
      set(bound, v);
    }
  }

  private static Style sliderStyle() {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("description_width", "");
    defaults.put("handle_color", null);
    return new Style("SliderStyleModel", defaults);
  }

  /** If false, the frontend sends the value only when the drag ends. */
  public Slider continuousUpdate(boolean continuous) {
    set("continuous_update", continuous);
    return this;
  }

  /** Sets the format of the number shown beside the slider (d3-format, e.g. {@code .3g}). */
  public Slider readoutFormat(String format) {
    set("readout_format", format);
    return this;
  }
}
