package dev.scalinglab.kernel;

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
      data.putText(describe(image));
    }
    return data;
  }

  /**
   * Returns e.g. {@code chart "loss by epoch" (640×420 px)} for an image carrying a {@code title}
   * property (the app's charts do), else {@code image (640×420 px)}.
   */
  static String describe(BufferedImage image) {
    String size = "(" + image.getWidth() + "×" + image.getHeight() + " px)";
    Object title = image.getProperty(TITLE);
    return title instanceof String t ? "chart \"" + t + "\" " + size : "image " + size;
  }

  /** The image property a title travels in: the kernel knows no app class that sets it. */
  static final String TITLE = "title";
}
