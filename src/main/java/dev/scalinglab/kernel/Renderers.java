package dev.scalinglab.kernel;

import dev.scalinglab.report.Charts;
import java.awt.image.BufferedImage;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

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
    DisplayData data =
        mimeTypes.length == 0 ? renderer.render(value) : renderer.renderAs(value, mimeTypes);
    if (value instanceof BufferedImage image && data.getData(MIMEType.TEXT_PLAIN) != null) {
      // The library's text for an image is BufferedImage.toString(): say what the image is.
      data.putText(Charts.describe(image));
    }
    return data;
  }
}
