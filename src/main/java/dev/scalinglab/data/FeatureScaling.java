package dev.scalinglab.data;

/** Validates input scale factors; the scaling itself is {@link Split#features}. */
public final class FeatureScaling {

  private FeatureScaling() {}

  /** Throws {@link IllegalArgumentException} unless {@code s} is finite and positive. */
  public static void checkScale(double s) {
    if (!(s > 0) || Double.isInfinite(s)) {
      throw new IllegalArgumentException(
          "Input scale must be a finite number > 0 (1 = pixels in [0,1], 255 = raw pixels), got "
              + s);
    }
  }
}
