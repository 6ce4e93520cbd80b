package dev.scalinglab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.tracker.ParameterTracker;
import dev.scalinglab.model.Mlp;
import java.util.List;

/**
 * Plain SGD (no momentum, no weight decay) on the PyTorch engine, updating the weights in place
 * with the same float arithmetic as DJL's {@code Sgd}: w ← w − fl(lr·g).
 *
 * <p>DJL's update clones each gradient, adds 0·w, scales and subtracts, then a separate call zeroes
 * the gradient: two allocations of the first kernel's size and four passes a step. Here the
 * gradient handles are fetched once (PyTorch zeroes and accumulates them in place, so they stay the
 * same tensors), scaled in place, subtracted and zeroed, with each parameter's learning rate held
 * as a 0-d array: no allocation and three engine calls per parameter. Grad mode is switched on the
 * calling thread only (see {@link GradientScope}) and left off after the step (the trainer restores
 * the thread's mode after its loop); backward reuses one seed array. The results equal {@link
 * OptimizerStep}'s with SGD for finite weights (0·w differs from 0 only when w is infinite or NaN,
 * and such a run is marked diverged either way); {@code TrainingStepTest} checks it.
 *
 * <p>The loss is DJL's {@code SoftmaxCrossEntropyLoss} (log-softmax, pick the label, negate, mean)
 * without its negation: the step computes m = mean(log p[label]) and starts backward from −1, and
 * the sums subtract m. Negation is exact in floating point and commutes with the mean's sum, so
 * loss, gradients and history stay bit-identical, with one op, one graph node and one array fewer
 * per step, and none of the loss's Java-side index building.
 */
final class InPlaceSgdStep implements TrainingStep {

  private final Mlp model;
  private final NDArray[] weights;
  private final NDArray[] gradients;
  private final NDArray[] learningRates;
  private final NDArray backwardSeed;
  private final NDManager manager;

  /**
   * Holds each parameter's learning rate, read once from {@code tracker}, under {@code manager}.
   */
  InPlaceSgdStep(Mlp model, ParameterTracker tracker, NDManager manager) {
    List<Parameter> parameters = model.parameters();
    int n = parameters.size();
    this.model = model;
    this.manager = manager;
    this.weights = new NDArray[n];
    this.gradients = new NDArray[n];
    this.learningRates = new NDArray[n];
    for (int i = 0; i < n; i++) {
      Parameter p = parameters.get(i);
      weights[i] = p.getArray();
      learningRates[i] = manager.create(tracker.getNewValue(p.getId(), 0));
    }
    this.backwardSeed = manager.full(new Shape(), -1f);
  }

  @Override
  public void run(Batch batch, NDManager stepManager, EpochSums sums) {
    batch.attach(stepManager);
    GradientScope.setRecording(true);
    NDArray logits;
    NDArray negatedLoss;
    try {
      logits = model.forward(batch.x());
      PtNDArray logProbabilities = JniUtils.logSoftmax((PtNDArray) logits, 1, DataType.FLOAT32);
      negatedLoss = JniUtils.pick(logProbabilities, (PtNDArray) batch.column(), 1).mean();
      GradientScope.backward(negatedLoss, backwardSeed);
    } finally {
      GradientScope.setRecording(false);
    }
    update();
    sums.addNegated(negatedLoss, logits.argMax(1).eq(batch.y()));
  }

  /** Applies one step from the accumulated gradients and zeroes them; grad mode must be off. */
  private void update() {
    for (int i = 0; i < weights.length; i++) {
      NDArray grad = gradients[i];
      if (grad == null) {
        grad = weights[i].getGradient();
        grad.attach(manager);
        gradients[i] = grad;
      }
      grad.muli(learningRates[i]);
      weights[i].subi(grad);
      GradientScope.zeroGradient(weights[i]);
    }
  }
}
