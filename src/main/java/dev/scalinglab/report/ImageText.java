package dev.scalinglab.report;

import java.awt.image.BufferedImage;
import java.util.Hashtable;

/**
 * The text that stands for a chart where no image can be shown (GitHub's JSON view, a terminal
 * front end): its title and size, instead of {@code BufferedImage@724ffb4b: type = 1 ...}.
 */
final class ImageText {

  /** The image property that carries a chart's title (the kernel's text fallback reads it). */
  static final String TITLE = "title";

  private ImageText() {}

  /** Returns {@code image} (same pixels, not copied) carrying {@code title} as a property. */
  static BufferedImage titled(BufferedImage image, String title) {
    Hashtable<String, Object> properties = new Hashtable<>();
    if (title != null && !title.isBlank()) {
      properties.put(TITLE, title);
    }
    return new BufferedImage(
        image.getColorModel(), image.getRaster(), image.isAlphaPremultiplied(), properties);
  }

  /** Returns the title carried by {@code image}, or null. */
  static String title(BufferedImage image) {
    Object title = image.getProperty(TITLE);
    return title instanceof String s ? s : null;
  }

  /** Returns e.g. {@code chart "loss by epoch" (640×420 px)} or {@code image (640×420 px)}. */
  static String describe(BufferedImage image) {
    String size = "(" + image.getWidth() + "×" + image.getHeight() + " px)";
    String title = title(image);
    return title == null ? "image " + size : "chart \"" + title + "\" " + size;
  }
}
