package dev.scalinglab.widgets;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the three sliders share: orientation, readout, drag behaviour, style. */
public abstract class Slider extends DescriptionWidget {

  /** Declares the slider keys with ipywidgets' defaults. */
  protected Slider(String model, String view, Object min, Object max, Object step, Object value) {
    super(model, view, sliderStyle());
    declare("behavior", "drag-tap");
    declare("continuous_update", true);
    declare("disabled", false);
    declare("max", max);
    declare("min", min);
    declare("orientation", "horizontal");
    declare("readout", true);
    declare("step", step);
    declare("value", value);
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
