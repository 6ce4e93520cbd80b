package dev.scalinglab.data;

/**
 * The input scale s of the question: features are raw / 255 · s ({@link Split#features} applies
 * it), so s = 1 gives pixels in [0, 1] and s = 255 the raw pixels. This class only checks a value.
 */
public final class InputScale {

  private InputScale() {}

  /** Throws {@link IllegalArgumentException} unless {@code s} is finite and positive. */
  public static void check(double s) {
    if (!(s > 0) || Double.isInfinite(s)) {
      throw new IllegalArgumentException(
          "Input scale must be a finite number > 0 (1 = pixels in [0,1], 255 = raw pixels), got "
              + s);
    }
  }
}
