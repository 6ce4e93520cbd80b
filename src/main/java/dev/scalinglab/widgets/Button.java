package dev.scalinglab.widgets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A button ({@code ButtonModel}); a click arrives as the custom message {@code {event: click}}. */
public final class Button extends DomWidget {
  private static final List<String> STYLES =
      List.of("primary", "success", "info", "warning", "danger", "");
  // ipywidgets' CaselessStrEnum: one of the button styles.
  private static final Trait<String> BUTTON_STYLE =
      Trait.text("button_style", "")
          .validatedBy(
              v -> {
                if (!STYLES.contains(v.toLowerCase(java.util.Locale.ROOT))) {
                  throw new IllegalArgumentException(
                      "button_style must be one of " + STYLES + ", got '" + v + "'");
                }
                return v.toLowerCase(java.util.Locale.ROOT);
              });
  private final Style style;

  /** Creates a button without text. */
  public Button() {
    super(Versions.CONTROLS, Versions.CONTROLS_VERSION, "ButtonModel", "ButtonView");
    Map<String, Object> defaults = new LinkedHashMap<>();
    for (String k :
        List.of(
            "button_color",
            "font_family",
            "font_size",
            "font_style",
            "font_variant",
            "font_weight",
            "text_color",
            "text_decoration")) {
      defaults.put(k, null);
    }
    style = new Style("ButtonStyleModel", defaults);
    declare(BUTTON_STYLE);
    declare(Trait.text("description", ""));
    declare(Trait.bool("disabled", false));
    declare(Trait.text("icon", ""));
    declare("style", ref(style));
  }

  /** Sets the text on the button. */
  public Button description(String text) {
    set("description", text);
    return this;
  }

  /** Returns the text on the button. */
  public String description() {
    return get("description").getAsString();
  }

  /**
   * Sets the look: {@code primary}, {@code success}, {@code info}, {@code warning}, {@code danger}
   * or "".
   */
  public Button buttonStyle(String name) {
    set("button_style", name);
    return this;
  }

  /** Enables or disables the button. */
  public Button disabled(boolean disabled) {
    set("disabled", disabled);
    return this;
  }

  /** Calls {@code action} on each click, on the callback thread. */
  public Button onClick(Runnable action) {
    onMessage(
        (content, buffers) -> {
          if (isClick(content)) {
            action.run();
          }
        });
    return this;
  }

  /**
   * Calls {@code action} on each click at once, on the thread that delivers it, even while a
   * callback runs: keep it short (e.g. interrupt the running callback).
   */
  public Button onClickNow(Runnable action) {
    onMessageNow(
        (content, buffers) -> {
          if (isClick(content)) {
            action.run();
          }
        });
    return this;
  }

  private static boolean isClick(com.google.gson.JsonObject content) {
    return content.has("event") && "click".equals(content.get("event").getAsString());
  }

  @Override
  public List<Widget> references() {
    List<Widget> refs = new ArrayList<>(super.references());
    refs.add(style);
    return refs;
  }

  @Override
  protected List<String> reprKeys() {
    return List.of("description");
  }
}
