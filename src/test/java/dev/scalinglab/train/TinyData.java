package dev.scalinglab.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.data.Split;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * A tiny synthetic data set shaped like Fashion-MNIST (raw uint8 pixels 0..255, 784 per image,
 * labels 0..9) for tests that check how the trainer works, not what Fashion-MNIST teaches: image i
 * of class k is noise 0..79 with a bright band (200..255) on rows 2k+4 to 2k+5, so a model learns
 * it within an epoch.
 */
public final class TinyData {

  private TinyData() {}

  /** Returns {@code n} images from {@code seed}, named {@code name}, owned by {@code manager}. */
  public static Split split(String name, int n, long seed, NDManager manager) {
    Random random = new Random(seed);
    byte[] pixels = new byte[n * FashionMnistData.PIXELS];
    long[] labels = new long[n];
    for (int i = 0; i < n; i++) {
      int label = random.nextInt(10);
      labels[i] = label;
      for (int p = 0; p < FashionMnistData.PIXELS; p++) {
        int row = p / 28;
        boolean band = row == 2 * label + 4 || row == 2 * label + 5;
        pixels[i * FashionMnistData.PIXELS + p] =
            (byte) (band ? 200 + random.nextInt(56) : random.nextInt(80));
      }
    }
    return new Split(
        name,
        manager.create(
            ByteBuffer.wrap(pixels), new Shape(n, FashionMnistData.PIXELS), DataType.UINT8),
        manager.create(labels));
  }
}
