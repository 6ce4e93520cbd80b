package dev.scalinglab.widgets;

import java.util.function.Consumer;

/** A check box ({@code CheckboxModel}). */
public final class Checkbox extends DescriptionWidget {
  private static final Trait<Boolean> VALUE = Trait.bool("value", false);

  /** Creates an unchecked box. */
  public Checkbox() {
    super(
        "CheckboxModel",
        "CheckboxView",
        Style.description("CheckboxStyleModel", "background", null));
    declare(Trait.bool("disabled", false));
    declare(Trait.bool("indent", true));
    declare(VALUE);
  }

  /** Returns whether the box is checked. */
  public boolean value() {
    return get(VALUE);
  }

  /** Checks or clears the box. */
  public Checkbox value(boolean checked) {
    set(VALUE, checked);
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
