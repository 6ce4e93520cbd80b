package dev.scalinglab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import dev.scalinglab.model.Mlp;
import java.util.List;

/**
 * A step through a DJL {@link Optimizer} (SGD, momentum, Adam), on any engine: gradients recorded
 * by a {@link GradientScope} (PyTorch's thread-local grad mode, or DJL's gradient collector on
 * other engines), then {@code optimizer.update} for each parameter.
 */
final class OptimizerStep implements TrainingStep {

  private final Mlp model;
  private final List<Parameter> parameters;
  private final Optimizer optimizer;
  private final Loss loss = new SoftmaxCrossEntropyLoss("loss");
  private final boolean djlCollector;

  /** Uses the engine's fastest way to record gradients. */
  OptimizerStep(Mlp model, Optimizer optimizer) {
    this(model, optimizer, !GradientScope.isPyTorch());
  }

  /**
   * Uses DJL's gradient collector when {@code djlCollector} (what other engines get), PyTorch's
   * thread-local grad mode otherwise; tests run the collector on PyTorch too.
   */
  OptimizerStep(Mlp model, Optimizer optimizer, boolean djlCollector) {
    this.model = model;
    this.parameters = model.parameters();
    this.optimizer = optimizer;
    this.djlCollector = djlCollector;
  }

  @Override
  public void run(Batch batch, NDManager stepManager, EpochSums sums) {
    batch.attach(stepManager);
    NDArray logits;
    NDArray batchLoss;
    try (GradientScope scope = GradientScope.open(djlCollector)) {
      logits = model.forward(batch.x());
      batchLoss = loss.evaluate(new NDList(batch.column()), new NDList(logits));
      scope.backward(batchLoss);
    }
    boolean previousMode = GradientScope.setRecording(false);
    try {
      for (Parameter p : parameters) {
        NDArray weight = p.getArray();
        NDArray grad = weight.getGradient();
        grad.attach(stepManager);
        optimizer.update(p.getId(), weight, grad);
        GradientScope.zeroGradient(weight);
      }
      sums.add(batchLoss, logits.argMax(1).eq(batch.y()).toType(DataType.INT64, false));
    } finally {
      GradientScope.setRecording(previousMode);
    }
  }
}
