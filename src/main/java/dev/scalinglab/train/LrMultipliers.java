package dev.scalinglab.train;

import ai.djl.training.tracker.FixedPerVarTracker;
import dev.scalinglab.model.Mlp;

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

  /**
   * Returns DJL's per-parameter learning rates for {@code model}: {@code lr} times each factor,
   * computed in float32 as the optimizers use them; the first layer is the one found by walking the
   * model's block ({@link Mlp#firstKernel()}), not a parameter name.
   */
  public FixedPerVarTracker tracker(Mlp model, double lr) {
    float base = (float) lr;
    return FixedPerVarTracker.builder()
        .setDefaultValue((float) (base * others))
        .put(model.firstKernel().getId(), (float) (base * firstKernel))
        .put(model.firstBias().getId(), (float) (base * firstBias))
        .build();
  }

  /**
   * Throws {@link IllegalArgumentException} unless every learning rate these factors give with base
   * rate {@code lr} is a normal float32 number: a rate that underflows to 0 (or to a subnormal
   * number) would silently freeze or distort its parameters. {@code where} names the run.
   */
  public void checkRepresentable(double lr, String where) {
    checkRate("first-layer kernel", lr, firstKernel, where);
    checkRate("first-layer bias", lr, firstBias, where);
    checkRate("other parameters'", lr, others, where);
  }

  private static void checkRate(String what, double lr, double factor, String where) {
    float rate = (float) (lr * factor);
    if (rate < Float.MIN_NORMAL || Float.isInfinite(rate)) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "%s: the %s learning rate lr %s x %.3g = %.3g is outside float32's normal range"
                  + " (%.2g..%.2g), so it cannot train; use a smaller input scale or another lr",
              where,
              what,
              lr,
              factor,
              lr * factor,
              Float.MIN_NORMAL,
              Float.MAX_VALUE));
    }
  }

  private static void check(String what, double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException(
          "Learning-rate factor for " + what + " must be finite and > 0, got " + factor);
    }
  }
}
