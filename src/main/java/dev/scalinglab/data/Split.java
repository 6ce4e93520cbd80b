package dev.scalinglab.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * A slice of Fashion-MNIST held on the engine: raw pixels 0..255 as uint8 of shape (n, 784) and
 * int64 labels of shape (n).
 *
 * @param name what the slice is, e.g. "train" or "validation"
 * @param images raw pixel values, one flattened image per row
 * @param labels class indices 0..9
 */
public record Split(String name, NDArray images, NDArray labels) {

  /** Returns the number of images. */
  public int size() {
    return Math.toIntExact(images.getShape().get(0));
  }

  /**
   * Returns the features at input scale {@code s}: {@code raw / 255 * s}, so s = 1 gives pixels in
   * [0, 1] (scenario A) and s = 255 gives the raw pixels exactly (scenario B). The array belongs to
   * the caller's manager.
   */
  public NDArray features(float s, ai.djl.ndarray.NDManager manager) {
    return features(s, manager, size());
  }

  /**
   * Returns the features of the first {@code rows} images at input scale {@code s}, as {@link
   * #features(float, ai.djl.ndarray.NDManager)}: only the rows kept are scaled (a trainer on 3,000
   * images should not scale 55,000 first; the playground's first point waits for it).
   */
  public NDArray features(float s, ai.djl.ndarray.NDManager manager, int rows) {
    InputScale.check(s);
    if (rows < 1 || rows > size()) {
      throw new IllegalArgumentException(
          "rows must be in 1.." + size() + " (the " + name + " split's images), got " + rows);
    }
    try (NDArray kept = images.get("0:" + rows)) {
      NDArray scaled = scale(kept, s);
      scaled.attach(manager);
      return scaled;
    }
  }

  /**
   * Returns raw pixels (uint8, any shape) as features at input scale {@code s}: {@code raw / 255 *
   * s} in float32, in the manager of {@code pixels}. Trainers apply it to each gathered chunk of
   * batches, so that no scaled copy of the whole training set is kept.
   */
  public static NDArray scale(NDArray pixels, float s) {
    try (NDArray floats = pixels.toType(DataType.FLOAT32, false)) {
      return floats.div(255f / s);
    }
  }
}
