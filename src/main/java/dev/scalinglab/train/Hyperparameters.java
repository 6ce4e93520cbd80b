package dev.scalinglab.train;

import dev.scalinglab.model.ModelSpec;

/**
 * What every scenario of a run shares: epochs, batch size, base learning rate, seed, optimizer, how
 * many of the 55,000 training images to use, and the model.
 *
 * @param epochs passes over the training images, >= 1
 * @param batchSize images per SGD step, >= 1 (the last partial batch is dropped, as in the
 *     question's {@code drop_remainder=True})
 * @param learningRate base learning rate, finite and > 0
 * @param seed seed of the initial weights and of the batch order
 * @param trainSize how many of the first 55,000 images to train on
 * @param optimizer the optimizer
 * @param adamEpsilon Adam's ε (unused by SGD and momentum), finite and > 0
 * @param model the network every scenario trains its own copy of
 */
public record Hyperparameters(
    int epochs,
    int batchSize,
    double learningRate,
    long seed,
    int trainSize,
    OptimizerKind optimizer,
    float adamEpsilon,
    ModelSpec model) {

  /** The question's settings: 5 epochs, batch 32, SGD lr 0.01, all 55,000 images, seed 42. */
  public static final Hyperparameters QUESTION =
      new Hyperparameters(5, 32, 0.01, 42, 55_000, OptimizerKind.SGD);

  /** Validates every field with a message naming it. */
  public Hyperparameters {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning rate must be a finite number > 0, got " + learningRate);
    }
    if (trainSize < 1 || trainSize > 55_000) {
      throw new IllegalArgumentException("train size must be in 1..55000, got " + trainSize);
    }
    if (batchSize > trainSize) {
      throw new IllegalArgumentException(
          "batch size " + batchSize + " is larger than the training data (" + trainSize + ")");
    }
    if (optimizer == null) {
      throw new IllegalArgumentException("optimizer must be set");
    }
    if (!(adamEpsilon > 0) || Float.isInfinite(adamEpsilon)) {
      throw new IllegalArgumentException("Adam epsilon must be finite and > 0, got " + adamEpsilon);
    }
    if (model == null) {
      throw new IllegalArgumentException(
          "model must be set (ModelSpec.question() for the question's)");
    }
  }

  /** Creates hyper-parameters for the question's model. */
  public Hyperparameters(
      int epochs,
      int batchSize,
      double learningRate,
      long seed,
      int trainSize,
      OptimizerKind optimizer,
      float adamEpsilon) {
    this(
        epochs,
        batchSize,
        learningRate,
        seed,
        trainSize,
        optimizer,
        adamEpsilon,
        ModelSpec.question());
  }

  /** Creates hyper-parameters with Adam's default ε, for the question's model. */
  public Hyperparameters(
      int epochs,
      int batchSize,
      double learningRate,
      long seed,
      int trainSize,
      OptimizerKind optimizer) {
    this(
        epochs, batchSize, learningRate, seed, trainSize, optimizer, OptimizerKind.DEFAULT_EPSILON);
  }

  /** Returns a copy with Adam's {@code adamEpsilon} changed. */
  public Hyperparameters withAdamEpsilon(float adamEpsilon) {
    return new Hyperparameters(
        epochs, batchSize, learningRate, seed, trainSize, optimizer, adamEpsilon, model);
  }

  /** Returns a copy with {@code epochs} changed. */
  public Hyperparameters withEpochs(int epochs) {
    return new Hyperparameters(
        epochs, batchSize, learningRate, seed, trainSize, optimizer, adamEpsilon, model);
  }

  /** Returns a copy with {@code batchSize} changed. */
  public Hyperparameters withBatchSize(int batchSize) {
    return new Hyperparameters(
        epochs, batchSize, learningRate, seed, trainSize, optimizer, adamEpsilon, model);
  }

  /** Returns a copy with {@code learningRate} changed. */
  public Hyperparameters withLearningRate(double learningRate) {
    return new Hyperparameters(
        epochs, batchSize, learningRate, seed, trainSize, optimizer, adamEpsilon, model);
  }

  /** Returns a copy with {@code seed} changed. */
  public Hyperparameters withSeed(long seed) {
    return new Hyperparameters(
        epochs, batchSize, learningRate, seed, trainSize, optimizer, adamEpsilon, model);
  }

  /** Returns a copy with {@code trainSize} changed. */
  public Hyperparameters withTrainSize(int trainSize) {
    return new Hyperparameters(
        epochs, batchSize, learningRate, seed, trainSize, optimizer, adamEpsilon, model);
  }

  /** Returns a copy with {@code optimizer} changed. */
  public Hyperparameters withOptimizer(OptimizerKind optimizer) {
    return new Hyperparameters(
        epochs, batchSize, learningRate, seed, trainSize, optimizer, adamEpsilon, model);
  }

  /** Returns a copy with {@code model} changed. */
  public Hyperparameters withModel(ModelSpec model) {
    return new Hyperparameters(
        epochs, batchSize, learningRate, seed, trainSize, optimizer, adamEpsilon, model);
  }

  /** Returns the number of SGD steps in one epoch. */
  public int stepsPerEpoch() {
    return trainSize / batchSize;
  }
}
