package dev.scalinglab.widgets;

import java.util.List;
import java.util.function.Consumer;

/** A row of buttons of which one is pressed ({@code ToggleButtonsModel}). */
public final class ToggleButtons extends Selection {

  /** Creates an empty row. */
  public ToggleButtons() {
    super(
        "ToggleButtonsModel",
        "ToggleButtonsView",
        Style.description("ToggleButtonsStyleModel", "button_width", "", "font_weight", ""));
    declare("button_style", "");
    declare("icons", List.of());
    declare("tooltips", List.of());
  }

  /** Offers {@code labels}, the first pressed. */
  public ToggleButtons options(List<String> labels) {
    setOptions(labels);
    return this;
  }

  /** Presses {@code label}. */
  public ToggleButtons value(String label) {
    setValue(label);
    return this;
  }

  /** Sets one tooltip per option. */
  public ToggleButtons tooltips(List<String> texts) {
    set("tooltips", List.copyOf(texts));
    return this;
  }

  /** Sets the label. */
  public ToggleButtons description(String text) {
    setDescription(text);
    return this;
  }

  /** Calls {@code listener} with each newly pressed label. */
  public ToggleButtons onValueChange(Consumer<String> listener) {
    observeValue(listener);
    return this;
  }
}
