package dev.scalinglab.widgets;

import java.util.List;

/** A widget with a view in the page: layout, CSS classes, tooltip. */
public abstract class DomWidget extends Widget {
  private final Layout layout = new Layout();

  /** Declares the model and view and the DOM keys every view has. */
  protected DomWidget(String module, String version, String model, String view) {
    super(module, version, model, module, version, view);
    declare("_dom_classes", List.of());
    declare("layout", ref(layout));
    declare("tabbable", null);
    declare(Trait.text("tooltip", null));
  }

  /** Returns the widget's layout (CSS size and placement). */
  public Layout layout() {
    return layout;
  }

  /** Sets the tooltip shown on hover. */
  public DomWidget tooltip(String text) {
    set("tooltip", text);
    return this;
  }

  @Override
  public List<Widget> references() {
    return List.of(layout);
  }
}
