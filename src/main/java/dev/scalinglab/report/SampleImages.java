package dev.scalinglab.report;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.data.Split;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** A grid of Fashion-MNIST images with their class names, for a first look at the data. */
public final class SampleImages {

  private static final int SIDE = 28;
  private static final int ZOOM = 3;
  private static final int CAPTION = 16;
  private static final int GAP = 8;

  private SampleImages() {}

  /** Returns the first {@code count} images of {@code split} in rows of {@code columns}. */
  public static BufferedImage grid(Split split, int count, int columns) {
    if (count < 1 || columns < 1) {
      throw new IllegalArgumentException("count and columns must be >= 1");
    }
    int n = Math.min(count, split.size());
    float[] pixels;
    try (NDArray kept = split.images().get("0:" + n);
        NDArray floats = kept.toType(DataType.FLOAT32, false)) {
      pixels = floats.toFloatArray();
    }
    long[] labels = split.labels().get("0:" + n).toLongArray();
    int rows = (n + columns - 1) / columns;
    int cell = SIDE * ZOOM + GAP;
    BufferedImage out =
        new BufferedImage(columns * cell, rows * (cell + CAPTION), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int i = 0; i < n; i++) {
      int x0 = (i % columns) * cell + GAP / 2;
      int y0 = (i / columns) * (cell + CAPTION) + GAP / 2;
      for (int y = 0; y < SIDE; y++) {
        for (int x = 0; x < SIDE; x++) {
          // Dark on light, like the usual Fashion-MNIST figures.
          int v = 255 - Math.round(pixels[i * SIDE * SIDE + y * SIDE + x]);
          g.setColor(new Color(v, v, v));
          g.fillRect(x0 + x * ZOOM, y0 + y * ZOOM, ZOOM, ZOOM);
        }
      }
      g.setColor(Color.DARK_GRAY);
      g.drawString(FashionMnistData.CLASS_NAMES.get((int) labels[i]), x0, y0 + SIDE * ZOOM + 13);
    }
    g.dispose();
    return out;
  }
}
