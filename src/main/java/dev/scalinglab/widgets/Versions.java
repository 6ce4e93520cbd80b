package dev.scalinglab.widgets;

/** The protocol and module versions of ipywidgets 8.1.9 that these widgets speak. */
public final class Versions {
  private Versions() {}

  /** Widget message protocol, sent as the comm_open metadata {@code version}. */
  public static final String PROTOCOL = "2.1.0";

  /** The comm target of widget models. */
  public static final String TARGET = "jupyter.widget";

  /** The comm target the frontend opens to fetch every widget's state at once. */
  public static final String CONTROL_TARGET = "jupyter.widget.control";

  /** Module of layouts and the base models. */
  public static final String BASE = "@jupyter-widgets/base";

  /** Module of the controls. */
  public static final String CONTROLS = "@jupyter-widgets/controls";

  /** Module of the output widget. */
  public static final String OUTPUT = "@jupyter-widgets/output";

  /** Version of {@link #BASE}. */
  public static final String BASE_VERSION = "2.0.0";

  /** Version of {@link #CONTROLS}. */
  public static final String CONTROLS_VERSION = "2.0.0";

  /** Version of {@link #OUTPUT}. */
  public static final String OUTPUT_VERSION = "1.0.0";

  /** MIME type of a widget's view in a display bundle. */
  public static final String VIEW_MIME = "application/vnd.jupyter.widget-view+json";
}
