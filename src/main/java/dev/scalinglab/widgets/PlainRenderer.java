package dev.scalinglab.widgets;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** MIME bundles without a kernel: images as PNG, everything else as its text. */
final class PlainRenderer {
  private PlainRenderer() {}

  static Map<String, Object> render(Object value) {
    Map<String, Object> bundle = new LinkedHashMap<>();
    if (value instanceof BufferedImage image) {
      bundle.put("image/png", Base64.getEncoder().encodeToString(png(image)));
    }
    bundle.put("text/plain", String.valueOf(value));
    return bundle;
  }

  /**
   * Returns {@code image} encoded as PNG. The app's {@code report.Charts} encodes the same way,
   * with the JDK's ImageIO; the widget library keeps its own three lines so as to import nothing of
   * the app.
   */
  static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
