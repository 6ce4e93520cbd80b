package dev.scalinglab.widgets;

import java.util.List;

/** Widgets side by side ({@code HBoxModel}). */
public final class HBox extends Box {

  /** Creates a row of {@code children}. */
  public HBox(Widget... children) {
    super("HBoxModel", "HBoxView", List.of(children));
  }
}
