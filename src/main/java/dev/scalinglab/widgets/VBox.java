package dev.scalinglab.widgets;

import java.util.List;

/** Widgets stacked ({@code VBoxModel}). */
public final class VBox extends Box {

  /** Creates a column of {@code children}. */
  public VBox(Widget... children) {
    super("VBoxModel", "VBoxView", List.of(children));
  }
}
