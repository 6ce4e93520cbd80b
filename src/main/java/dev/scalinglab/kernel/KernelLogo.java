package dev.scalinglab.kernel;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the kernel's launcher logo: a "J" on a blue tile with a falling loss curve, the project's
 * question in one picture. Written as {@code logo-64x64.png} and {@code logo-32x32.png} into the
 * kernelspec.
 */
final class KernelLogo {
  private static final Color TILE = new Color(0x1f, 0x4e, 0x79);
  private static final Color CURVE = new Color(0xff, 0x9f, 0x1c);

  private KernelLogo() {}

  /** Writes both logo sizes into the kernelspec directory {@code dir}. */
  static void write(Path dir) throws IOException {
    for (int size : new int[] {64, 32}) {
      ImageIO.write(draw(size), "png", dir.resolve("logo-" + size + "x" + size + ".png").toFile());
    }
  }

  /** Returns the logo as a {@code size}×{@code size} image with a transparent background. */
  static BufferedImage draw(int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    float s = size / 64f;
    g.setColor(TILE);
    g.fill(new RoundRectangle2D.Float(0, 0, size, size, 14 * s, 14 * s));
    Path2D.Float curve = new Path2D.Float();
    curve.moveTo(8 * s, 14 * s);
    curve.curveTo(18 * s, 44 * s, 30 * s, 50 * s, 58 * s, 52 * s);
    g.setColor(CURVE);
    g.setStroke(new BasicStroke(4 * s, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(curve);
    g.setColor(Color.WHITE);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(44 * s)));
    var metrics = g.getFontMetrics();
    int x = (size - metrics.stringWidth("J")) / 2 + Math.round(4 * s);
    int y = (size + metrics.getAscent() - metrics.getDescent()) / 2 - Math.round(3 * s);
    g.drawString("J", x, y);
    g.dispose();
    return image;
  }
}
