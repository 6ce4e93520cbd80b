package dev.scalinglab.widgets;

import java.util.List;

/** CSS layout of a widget ({@code LayoutModel}); every property is unset (null) by default. */
public final class Layout extends Widget {
  private static final List<String> KEYS =
      List.of(
          "align_content",
          "align_items",
          "align_self",
          "border_bottom",
          "border_left",
          "border_right",
          "border_top",
          "bottom",
          "display",
          "flex",
          "flex_flow",
          "grid_area",
          "grid_auto_columns",
          "grid_auto_flow",
          "grid_auto_rows",
          "grid_column",
          "grid_gap",
          "grid_row",
          "grid_template_areas",
          "grid_template_columns",
          "grid_template_rows",
          "height",
          "justify_content",
          "justify_items",
          "left",
          "margin",
          "max_height",
          "max_width",
          "min_height",
          "min_width",
          "object_fit",
          "object_position",
          "order",
          "overflow",
          "padding",
          "right",
          "top",
          "visibility",
          "width");

  /** Creates a layout with no property set. */
  public Layout() {
    super(
        Versions.BASE,
        Versions.BASE_VERSION,
        "LayoutModel",
        Versions.BASE,
        Versions.BASE_VERSION,
        "LayoutView");
    KEYS.forEach(k -> declare(k, null));
  }

  /** Sets CSS property {@code key} (ipywidgets' name, e.g. {@code width}) to {@code value}. */
  public Layout css(String key, String value) {
    set(key, value);
    return this;
  }
}
