package dev.scalinglab.widgets;

import java.util.ArrayList;
import java.util.List;

/** Widgets side by side ({@link HBox}) or stacked ({@link VBox}). */
public abstract class Box extends DomWidget {
  private volatile List<Widget> children;

  /** Declares a box model holding {@code children}. */
  protected Box(String model, String view, List<? extends Widget> children) {
    super(Versions.CONTROLS, Versions.CONTROLS_VERSION, model, view);
    this.children = List.copyOf(children);
    declare("box_style", "");
    declare("children", this.children.stream().map(Widget::ref).toList());
  }

  /** Returns the children. */
  public List<Widget> children() {
    return children;
  }

  /** Replaces the children. */
  public Box children(List<? extends Widget> widgets) {
    children = List.copyOf(widgets);
    set("children", children.stream().map(Widget::ref).toList());
    return this;
  }

  @Override
  public List<Widget> references() {
    List<Widget> refs = new ArrayList<>(super.references());
    refs.addAll(children);
    return refs;
  }

  @Override
  public String textPlain() {
    if (customText() != null) {
      return customText();
    }
    List<String> parts = new ArrayList<>();
    for (Widget w : children) {
      parts.add(w.textPlain());
    }
    return modelName().replaceFirst("Model$", "") + "(" + String.join(", ", parts) + ")";
  }
}
