package dev.scalinglab.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.tracker.ParameterTracker;
import dev.scalinglab.model.Mlp;

/**
 * One optimisation step: forward pass ({@link Mlp#forward}), cross-entropy loss, backward pass and
 * parameter update, with the batch's loss and hits added to engine-side sums (read by the caller
 * only now and then, so a step needs no host sync).
 *
 * <p>Two implementations: {@link InPlaceSgdStep} (plain SGD on PyTorch, updating the weights in
 * place) and {@link OptimizerStep} (any DJL optimizer: SGD, momentum, Adam; any engine). {@link
 * #create} picks the fast one where it applies; {@code TrainingStepTest} measures how far apart the
 * two are.
 */
public interface TrainingStep {

  /**
   * Runs one step on {@code batch} and adds its mean loss and hits to {@code sums}; the step's
   * intermediates belong to {@code stepManager}, which the caller closes afterwards.
   */
  void run(Batch batch, NDManager stepManager, EpochSums sums);

  /**
   * Returns the step for {@code hp}'s optimizer with the learning rates of {@code learningRates}:
   * for plain SGD on PyTorch {@link ManualBackpropStep} when the model is a plain Linear/ReLU
   * stack, else {@link InPlaceSgdStep}; {@link OptimizerStep} otherwise.
   */
  static TrainingStep create(
      Mlp model, Hyperparameters hp, ParameterTracker learningRates, NDManager manager) {
    if (GradientScope.isPyTorch() && hp.optimizer() == OptimizerKind.SGD) {
      return ManualBackpropStep.of(model, learningRates, manager)
          .orElseGet(() -> new InPlaceSgdStep(model, learningRates, manager));
    }
    return new OptimizerStep(model, hp.optimizer().build(learningRates, hp.adamEpsilon()));
  }
}
