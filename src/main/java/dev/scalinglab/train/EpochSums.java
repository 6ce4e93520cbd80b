package dev.scalinglab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * One epoch's running totals, kept on the engine so that a step needs no host sync: the sum of the
 * batches' mean losses, the same sum since the last {@link #takeWindow} (for step-level loss
 * curves), and the hits per batch position.
 *
 * <p>The window has its own sum rather than being a difference of epoch sums: after B's first steps
 * the epoch sum reaches ~1e14, where float32 cannot resolve a window of losses near 2.3.
 */
public final class EpochSums {

  private final NDArray loss;
  private final NDManager manager;
  private NDArray window;
  private final NDArray correct;
  private final int batchSize;
  private int steps;
  private int windowSteps;

  /** Creates zero sums for batches of {@code batchSize}, owned by {@code manager}. */
  public EpochSums(NDManager manager, int batchSize) {
    this.manager = manager;
    this.loss = manager.zeros(new Shape());
    this.window = manager.zeros(new Shape());
    this.correct = manager.zeros(new Shape(batchSize), DataType.INT64);
    this.batchSize = batchSize;
  }

  /**
   * Adds one batch: its mean loss (0-d) and its hits (1 where the prediction is right, shape
   * (batch)); call with gradient recording off.
   */
  public void add(NDArray batchLoss, NDArray hits) {
    loss.addi(batchLoss);
    window.addi(batchLoss);
    correct.addi(hits);
    steps++;
    windowSteps++;
  }

  /**
   * As {@link #add} for a step that holds its loss negated (−loss, 0-d): subtracting it gives the
   * same float sums to the bit, as x − m is x + (−m) in IEEE arithmetic.
   */
  public void addNegated(NDArray negatedLoss, NDArray hits) {
    loss.subi(negatedLoss);
    window.subi(negatedLoss);
    correct.addi(hits);
    steps++;
    windowSteps++;
  }

  /** Returns the number of batches added. */
  public int steps() {
    return steps;
  }

  /** Returns the number of batches added since the last {@link #takeWindow}. */
  public int windowSteps() {
    return windowSteps;
  }

  /** Returns the sum of the batches' mean losses (a host sync). */
  public double lossSum() {
    return loss.getFloat();
  }

  /** Returns the mean loss of the batches so far (NaN before any), divided in float32. */
  public double meanLoss() {
    // float / int, as the histories have always been computed: keeps them bit-identical.
    return steps == 0 ? Double.NaN : loss.getFloat() / steps;
  }

  /** Returns the fraction of images classified right so far (NaN before any). */
  public double accuracy() {
    return steps == 0 ? Double.NaN : correct.sum().getLong() / (double) ((long) steps * batchSize);
  }

  /**
   * Returns the mean loss of the batches since the last call (NaN if none) and starts a new window.
   */
  public double takeWindow() {
    if (windowSteps == 0) {
      return Double.NaN;
    }
    double mean = window.getFloat() / windowSteps;
    // A fresh zero, not set(0f): DJL's set copies through a deprecated libtorch guard that prints
    // a warning (AutoNonVariableTypeMode) on stderr of every run.
    window.close();
    window = manager.zeros(new Shape());
    windowSteps = 0;
    return mean;
  }
}
