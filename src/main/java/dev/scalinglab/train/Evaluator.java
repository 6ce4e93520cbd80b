package dev.scalinglab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import dev.scalinglab.model.Mlp;

/**
 * Loss, accuracy and dead first-layer ReLUs of a model on a data split, with gradients off, in
 * chunks of {@value #CHUNK} images (bounded memory for any split size).
 */
public final class Evaluator {

  /** Images evaluated at once. */
  private static final int CHUNK = 1000;

  private final Loss loss = new SoftmaxCrossEntropyLoss("loss");

  /** Returns the metrics of {@code model} on ({@code features}, {@code labels}). */
  public Evaluation evaluate(Mlp model, NDArray features, NDArray labels, NDManager parent) {
    long n = features.getShape().get(0);
    Evaluation[] out = new Evaluation[1];
    try (NDManager manager = parent.newSubManager()) {
      GradientScope.withoutGradients(
          () -> {
            NDArray lossSum = manager.zeros(new Shape());
            NDArray correct = manager.zeros(new Shape(), DataType.INT64);
            NDArray unitMax = null;
            for (long from = 0; from < n; from += CHUNK) {
              long to = Math.min(n, from + CHUNK);
              NDIndex rows = new NDIndex(from + ":" + to);
              NDArray x = features.get(manager, rows);
              NDArray y = labels.get(manager, rows);
              NDArray pre = model.firstPreActivations(x);
              NDArray logits = model.forwardFromFirstPreActivations(pre, false);
              lossSum.addi(loss.evaluate(new NDList(y), new NDList(logits)).mul(to - from));
              correct.addi(logits.argMax(1).eq(y).countNonzero());
              NDArray chunkMax = pre.max(new int[] {0});
              unitMax = unitMax == null ? chunkMax : unitMax.maximum(chunkMax);
            }
            double dead = unitMax.lte(0).countNonzero().getLong() / (double) unitMax.size();
            out[0] = new Evaluation(lossSum.getFloat() / n, correct.getLong() / (double) n, dead);
          });
    }
    return out[0];
  }
}
