package dev.scalinglab.widgets;

import java.util.ArrayList;
import java.util.List;

/** A control with a description label and a style model. */
public abstract class DescriptionWidget extends DomWidget {
  private final Style style;

  /** Declares the model, view and style; {@code controls} module. */
  protected DescriptionWidget(String model, String view, Style style) {
    super(Versions.CONTROLS, Versions.CONTROLS_VERSION, model, view);
    this.style = style;
    declare(Trait.text("description", ""));
    declare(Trait.bool("description_allow_html", false));
    declare("style", ref(style));
  }

  /** Returns the label shown next to the control. */
  public String description() {
    return get("description").getAsString();
  }

  /** Returns the style model (e.g. {@code description_width}). */
  public Style style() {
    return style;
  }

  /** Sets the label shown next to the control. */
  protected void setDescription(String text) {
    set("description", text);
  }

  /** Enables or disables the control in the page. */
  protected void setDisabled(boolean disabled) {
    set("disabled", disabled);
  }

  @Override
  public List<Widget> references() {
    List<Widget> refs = new ArrayList<>(super.references());
    refs.add(style);
    return refs;
  }

  @Override
  protected List<String> reprKeys() {
    return List.of("value", "description");
  }
}
