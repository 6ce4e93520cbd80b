package dev.scalinglab.train;

/**
 * Learning-rate factors applied to the base learning rate, per parameter group.
 *
 * @param firstKernel factor for the first layer's weight
 * @param firstBias factor for the first layer's bias
 * @param others factor for every other parameter
 */
public record LrMultipliers(double firstKernel, double firstBias, double others) {

  /** All factors 1: the base learning rate everywhere. */
  public static final LrMultipliers NONE = new LrMultipliers(1, 1, 1);

  /** Validates that each factor is finite and positive. */
  public LrMultipliers {
    check("first-layer kernel", firstKernel);
    check("first-layer bias", firstBias);
    check("other parameters", others);
  }

  /** Returns the same factor for every parameter. */
  public static LrMultipliers global(double factor) {
    return new LrMultipliers(factor, factor, factor);
  }

  /** Returns {@code factor} on the first-layer kernel only. */
  public static LrMultipliers firstKernel(double factor) {
    return new LrMultipliers(factor, 1, 1);
  }

  /** Returns {@code factor} on the first layer's kernel and bias. */
  public static LrMultipliers firstLayer(double factor) {
    return new LrMultipliers(factor, factor, 1);
  }

  private static void check(String what, double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException(
          "Learning-rate factor for " + what + " must be finite and > 0, got " + factor);
    }
  }
}
