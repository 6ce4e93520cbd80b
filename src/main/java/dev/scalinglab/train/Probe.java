package dev.scalinglab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import dev.scalinglab.model.Mlp;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Read-only access to a training for analyses: its data at the trainer's input scale, the batches
 * ahead, and gradients that leave the model unchanged. Get one from {@link ModelTrainer#probe()}.
 */
public final class Probe {

  private final Mlp model;
  private final Supplier<NDArray> trainX;
  private final NDArray trainY;
  private final NDArray validationX;
  private final IntFunction<Batch> upcoming;
  private final NDManager manager;
  private final Loss loss = new SoftmaxCrossEntropyLoss("loss");

  Probe(
      Mlp model,
      Supplier<NDArray> trainX,
      NDArray trainY,
      NDArray validationX,
      IntFunction<Batch> upcoming,
      NDManager manager) {
    this.model = model;
    this.trainX = trainX;
    this.trainY = trainY;
    this.validationX = validationX;
    this.upcoming = upcoming;
    this.manager = manager;
  }

  /** Returns the training features at the trainer's input scale (the rows it trains on). */
  public NDArray trainFeatures() {
    return trainX.get();
  }

  /** Returns the training labels. */
  public NDArray trainLabels() {
    return trainY;
  }

  /** Returns the validation features at the trainer's input scale. */
  public NDArray validationFeatures() {
    return validationX;
  }

  /**
   * Returns copies of the images and labels of the current epoch's batch {@code step} (0-based, not
   * before the steps already run), owned by {@code target}.
   */
  public NDArray[] batch(int step, NDManager target) {
    Batch batch = upcoming.apply(step);
    NDArray x = batch.x().duplicate();
    NDArray y = batch.y().duplicate();
    x.attach(target);
    y.attach(target);
    return new NDArray[] {x, y};
  }

  /**
   * Returns the gradient of the mean batch loss with respect to {@code parameter} for the batch (x,
   * y), without changing the model. The array belongs to {@code target}.
   */
  public NDArray gradient(Parameter parameter, NDArray x, NDArray y, NDManager target) {
    try (NDManager scratch = manager.newSubManager()) {
      try (GradientScope scope = GradientScope.open()) {
        NDArray logits = model.forward(x);
        scope.backward(loss.evaluate(new NDList(y), new NDList(logits)));
      }
      NDArray grad = parameter.getArray().getGradient();
      grad.attach(scratch);
      NDArray copy = grad.duplicate();
      copy.attach(target);
      for (Parameter p : model.parameters()) {
        GradientScope.zeroGradient(p.getArray());
      }
      return copy;
    }
  }
}
