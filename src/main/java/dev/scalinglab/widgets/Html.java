package dev.scalinglab.widgets;

import java.util.Map;

/** A piece of HTML ({@code HTMLModel}), e.g. a table that a callback rewrites. */
public final class Html extends DescriptionWidget {

  /** Creates an empty HTML widget. */
  public Html() {
    super(
        "HTMLModel",
        "HTMLView",
        Style.description(
            "HTMLStyleModel", "background", null, "font_size", null, "text_color", null));
    declare(Trait.text("placeholder", "\u200b"));
    declare(Trait.text("value", ""));
  }

  /** Returns the HTML. */
  public String value() {
    return get("value").getAsString();
  }

  /** Sets the HTML. */
  public Html value(String html) {
    set("value", html);
    return this;
  }

  /** Without a widget manager, viewers show the HTML as it was when displayed. */
  @Override
  public Map<String, Object> fallbackData() {
    return value().isEmpty() ? Map.of() : Map.of("text/html", value());
  }
}
