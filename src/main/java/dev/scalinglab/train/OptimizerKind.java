package dev.scalinglab.train;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.Locale;

/** The optimizers a training can use, each built by DJL with a per-parameter learning rate. */
public enum OptimizerKind {
  /** Plain SGD, as in the question. */
  SGD,
  /** SGD with momentum 0.9. */
  MOMENTUM,
  /** Adam with DJL's defaults (β1 0.9, β2 0.999) and ε from the hyper-parameters. */
  ADAM;

  /** Momentum's β: the usual 0.9 (Keras' and PyTorch's examples). */
  public static final float MOMENTUM_BETA = 0.9f;

  /** DJL's (and PyTorch's) default Adam ε. */
  public static final float DEFAULT_EPSILON = 1e-8f;

  /**
   * Builds the DJL optimizer; {@code adamEpsilon} is Adam's ε (ignored by SGD and momentum).
   *
   * <p>ε is why Adam's lr/s compensation is close rather than exact: scaling the gradient by s
   * scales √v by s but not ε. With ε far below every |gradient| the compensation is exact.
   */
  public Optimizer build(ParameterTracker learningRates, float adamEpsilon) {
    return switch (this) {
      case SGD -> Optimizer.sgd().setLearningRateTracker(learningRates).build();
      case MOMENTUM ->
          Optimizer.sgd().setLearningRateTracker(learningRates).optMomentum(MOMENTUM_BETA).build();
      case ADAM ->
          Optimizer.adam().optLearningRateTracker(learningRates).optEpsilon(adamEpsilon).build();
    };
  }

  /**
   * Returns the first-layer kernel learning-rate factor that exactly undoes an input scale s.
   *
   * <p>With X' = sX and W' = W/s the kernel's gradient is s·∇W, and W' must move 1/s as far as W.
   * SGD and momentum move by lr·gradient, so the factor is 1/s²; Adam's step does not depend on the
   * gradient's scale, so it is 1/s.
   */
  public double exactKernelFactor(double s) {
    return this == ADAM ? 1 / s : 1 / (s * s);
  }

  /** Parses "sgd", "momentum" or "adam" (any case). */
  public static OptimizerKind parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Unknown optimizer '" + name + "': use sgd, momentum or adam");
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
