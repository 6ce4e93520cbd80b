package dev.scalinglab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.tracker.ParameterTracker;
import java.util.List;

/**
 * Plain SGD (no momentum, no weight decay) applied in place on the PyTorch engine, with the same
 * float arithmetic as DJL's {@code Sgd}: w ← w − fl(lr·g).
 *
 * <p>DJL's update clones each gradient, adds 0·w, scales and subtracts, then a separate call zeroes
 * the gradient: two allocations of the first kernel's size and four passes a step. Here the
 * gradient handles are fetched once (PyTorch zeroes and accumulates them in place, so they stay the
 * same tensors), scaled in place, subtracted and zeroed, with each parameter's learning rate held
 * as a 0-d array: no allocation and three engine calls per parameter. The results are bit-identical
 * to DJL's for finite weights (0·w only differs from 0 when w is infinite or NaN, and such a run is
 * marked diverged either way).
 */
final class InPlaceSgd {

  private final NDArray[] weights;
  private final NDArray[] gradients;
  private final NDArray[] learningRates;
  private final NDManager manager;

  /**
   * Holds each parameter's learning rate, read once from {@code tracker}, under {@code manager}.
   */
  InPlaceSgd(List<Parameter> parameters, ParameterTracker tracker, NDManager manager) {
    int n = parameters.size();
    this.manager = manager;
    this.weights = new NDArray[n];
    this.gradients = new NDArray[n];
    this.learningRates = new NDArray[n];
    for (int i = 0; i < n; i++) {
      Parameter p = parameters.get(i);
      weights[i] = p.getArray();
      learningRates[i] = manager.create(tracker.getNewValue(p.getId(), 0));
    }
  }

  /** Applies one step from the accumulated gradients and zeroes them; grad mode must be off. */
  void step() {
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
