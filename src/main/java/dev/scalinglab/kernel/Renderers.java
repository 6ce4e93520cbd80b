package dev.scalinglab.kernel;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;

/** Turns cell values into MIME bundles with the kernel library's renderer registry. */
final class Renderers {
  private Renderers() {}

  /**
   * Returns {@code value} rendered by {@code renderer}: as {@code mimeTypes} if any are given,
   * otherwise as its preferred types; a {@link DisplayData} is passed through unchanged.
   */
  static DisplayData render(Renderer renderer, Object value, String... mimeTypes) {
    if (value instanceof DisplayData data) {
      return data;
    }
    if (value == null) {
      return new DisplayData("null");
    }
    return mimeTypes.length == 0 ? renderer.render(value) : renderer.renderAs(value, mimeTypes);
  }
}
