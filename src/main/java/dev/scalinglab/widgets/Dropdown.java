package dev.scalinglab.widgets;

import java.util.List;
import java.util.function.Consumer;

/** A drop-down list ({@code DropdownModel}). */
public final class Dropdown extends Selection {

  /** Creates an empty drop-down. */
  public Dropdown() {
    super("DropdownModel", "DropdownView", Style.description("DescriptionStyleModel"));
  }

  /** Offers {@code labels}, the first selected. */
  public Dropdown options(List<String> labels) {
    setOptions(labels);
    return this;
  }

  /** Selects {@code label}. */
  public Dropdown value(String label) {
    setValue(label);
    return this;
  }

  /** Sets the label. */
  public Dropdown description(String text) {
    setDescription(text);
    return this;
  }

  /** Calls {@code listener} with each newly chosen label. */
  public Dropdown onValueChange(Consumer<String> listener) {
    observeValue(listener);
    return this;
  }
}
