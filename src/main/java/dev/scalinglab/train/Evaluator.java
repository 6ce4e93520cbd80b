package dev.scalinglab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import dev.scalinglab.model.ActivationKind;
import dev.scalinglab.model.Mlp;

/**
 * Loss, accuracy and stuck first-layer units of a model on a data split, with gradients off, in
 * chunks of {@value #CHUNK} images (bounded memory for any split size). A unit is stuck when its
 * activation's gradient is (nearly) zero for every image: dead for ReLU (pre-activation <= 0),
 * saturated for tanh and sigmoid ({@link ActivationKind#stuck}); a block of unknown activations is
 * measured as ReLU on the first Linear's output.
 */
public final class Evaluator {

  /** Images evaluated at once. */
  private static final int CHUNK = 1000;

  private final Loss loss = new SoftmaxCrossEntropyLoss("loss");

  /** Returns the metrics of {@code model} on ({@code features}, {@code labels}). */
  public Evaluation evaluate(Mlp model, NDArray features, NDArray labels, NDManager parent) {
    long n = features.getShape().get(0);
    boolean previousMode = GradientScope.setRecording(false);
    try (NDManager manager = parent.newSubManager()) {
      NDArray lossSum = manager.zeros(new Shape());
      NDArray correct = manager.zeros(new Shape(), DataType.INT64);
      NDArray unitStuck = null;
      for (long from = 0; from < n; from += CHUNK) {
        long to = Math.min(n, from + CHUNK);
        NDIndex rows = new NDIndex(from + ":" + to);
        NDArray x = features.get(manager, rows);
        NDArray y = labels.get(manager, rows);
        NDArray pre = model.firstPreActivations(x);
        NDArray logits = model.forwardFromFirstPreActivations(pre, false);
        lossSum.addi(loss.evaluate(new NDList(y), new NDList(logits)).mul(to - from));
        correct.addi(logits.argMax(1).eq(y).countNonzero());
        NDArray chunkStuck = stuck(model, x, pre).toType(DataType.INT32, false).min(new int[] {0});
        unitStuck = unitStuck == null ? chunkStuck : unitStuck.minimum(chunkStuck);
      }
      double dead = unitStuck.countNonzero().getLong() / (double) unitStuck.size();
      return new Evaluation(lossSum.getFloat() / n, correct.getLong() / (double) n, dead);
    } finally {
      GradientScope.setRecording(previousMode);
    }
  }

  /** Returns, per image and unit, whether the first hidden activation's gradient is ~0. */
  private static NDArray stuck(Mlp model, NDArray x, NDArray pre) {
    ActivationKind kind = model.firstActivation().orElse(ActivationKind.RELU);
    return kind.stuck(model.firstActivationInput(x).orElse(pre));
  }
}
