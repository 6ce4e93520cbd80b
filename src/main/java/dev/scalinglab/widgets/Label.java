package dev.scalinglab.widgets;

/** A line of plain text ({@code LabelModel}). */
public final class Label extends DescriptionWidget {

  /** Creates an empty label. */
  public Label() {
    super(
        "LabelModel",
        "LabelView",
        Style.description(
            "LabelStyleModel",
            "background",
            null,
            "font_family",
            null,
            "font_size",
            null,
            "font_style",
            null,
            "font_variant",
            null,
            "font_weight",
            null,
            "text_color",
            null,
            "text_decoration",
            null));
    declare(Trait.text("placeholder", "\u200b"));
    declare(Trait.text("value", ""));
  }

  /** Returns the text. */
  public String value() {
    return get("value").getAsString();
  }

  /** Sets the text. */
  public Label value(String text) {
    set("value", text);
    return this;
  }
}
