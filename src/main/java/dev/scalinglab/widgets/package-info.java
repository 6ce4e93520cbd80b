/**
 * Jupyter widgets (ipywidgets 8 wire format: protocol 2.1.0, {@code @jupyter-widgets/base} 2.0.0,
 * {@code controls} 2.0.0, {@code output} 1.0.0) in plain Java.
 *
 * <p>Widgets hold their state and serialise it themselves; a {@link
 * dev.scalinglab.widgets.WidgetManager} opens their comms through a {@link
 * dev.scalinglab.widgets.WidgetTransport}. {@link dev.scalinglab.widgets.KernelWidgets} is the one
 * class that knows a kernel: the comm manager and the stop button of the project's Java kernel
 * ({@code dev.scalinglab.kernel}), through their public API. The package imports nothing of the
 * app.
 */
package dev.scalinglab.widgets;
