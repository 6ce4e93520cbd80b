package dev.scalinglab.widgets;

import java.util.function.Consumer;

/** A check box ({@code CheckboxModel}). */
public final class Checkbox extends DescriptionWidget {

  /** Creates an unchecked box. */
  public Checkbox() {
    super(
        "CheckboxModel",
        "CheckboxView",
        Style.description("CheckboxStyleModel", "background", null));
    declare("disabled", false);
    declare("indent", true);
    declare("value", false);
  }

  /** Returns whether the box is checked. */
  public boolean value() {
    return get("value").getAsBoolean();
  }

  /** Checks or clears the box. */
  public Checkbox value(boolean checked) {
    set("value", checked);
    return this;
  }

  /** Sets the label. */
  public Checkbox description(String text) {
    setDescription(text);
    return this;
  }

  /** Calls {@code listener} with each new value. */
  public Checkbox onValueChange(Consumer<Boolean> listener) {
    observe("value", v -> listener.accept(value()));
    return this;
  }
}
