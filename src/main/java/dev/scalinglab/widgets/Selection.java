package dev.scalinglab.widgets;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One choice among labels: the frontend syncs {@code index}, the labels are {@code
 * _options_labels}. As ipywidgets' {@code _Selection}, an index must be null or name one of the
 * options (otherwise it is refused), so index and label always agree.
 */
public abstract class Selection extends DescriptionWidget {
  private static final Trait<Integer> INDEX = Trait.integer("index", null);

  /** Declares the selection keys with ipywidgets' defaults (no options, index null). */
  protected Selection(String model, String view, Style style) {
    super(model, view, style);
    declare("_options_labels", List.of());
    declare(Trait.bool("disabled", false));
    declare(
        INDEX.validatedBy(
            i -> {
              int options = get("_options_labels").getAsJsonArray().size();
              if (i != null && (i < 0 || i >= options)) {
                throw new IllegalArgumentException(
                    "index " + i + " is not one of the " + options + " options");
              }
              return i;
            }));
  }

  /** Returns the labels offered. */
  public List<String> options() {
    List<String> labels = new ArrayList<>();
    get("_options_labels").getAsJsonArray().forEach(e -> labels.add(e.getAsString()));
    return labels;
  }

  /** Returns the index chosen, or -1 if none. */
  public int index() {
    Integer i = get(INDEX);
    return i == null ? -1 : i;
  }

  /** Returns the label chosen, or null if none. */
  public String value() {
    int i = index();
    return i < 0 ? null : options().get(i);
  }

  /** Offers {@code labels} and selects the first. */
  protected void setOptions(List<String> labels) {
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("a selection needs at least one option");
    }
    try (SyncHold hold = holdSync()) {
      set("_options_labels", List.copyOf(labels));
      set(INDEX, 0);
    }
  }

  /** Selects {@code label}. */
  protected void setValue(String label) {
    int i = options().indexOf(label);
    if (i < 0) {
      throw new IllegalArgumentException(label + " is not one of " + options());
    }
    set(INDEX, i);
  }

  /** Calls {@code listener} with each newly chosen label. */
  protected void observeValue(Consumer<String> listener) {
    observe("index", v -> listener.accept(value()));
  }

  @Override
  protected List<String> reprKeys() {
    return List.of("_options_labels", "index", "description");
  }
}
