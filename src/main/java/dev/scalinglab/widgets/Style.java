package dev.scalinglab.widgets;

import java.util.Map;

/**
 * A widget's style model, e.g. {@code SliderStyleModel}: keys and defaults as ipywidgets has them.
 */
public final class Style extends Widget {

  Style(String modelName, Map<String, Object> defaults) {
    super(
        Versions.CONTROLS,
        Versions.CONTROLS_VERSION,
        modelName,
        Versions.BASE,
        Versions.BASE_VERSION,
        "StyleView");
    defaults.forEach(this::declare);
  }

  /** Sets style property {@code key} (e.g. {@code description_width}) to {@code value}. */
  public Style with(String key, Object value) {
    set(key, value);
    return this;
  }

  static Style description(String modelName, Object... extraKeysAndDefaults) {
    java.util.LinkedHashMap<String, Object> defaults = new java.util.LinkedHashMap<>();
    defaults.put("description_width", "");
    for (int i = 0; i < extraKeysAndDefaults.length; i += 2) {
      defaults.put((String) extraKeysAndDefaults[i], extraKeysAndDefaults[i + 1]);
    }
    return new Style(modelName, defaults);
  }
}
