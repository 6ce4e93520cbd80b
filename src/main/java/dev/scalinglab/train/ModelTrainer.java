package dev.scalinglab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.FixedPerVarTracker;
import dev.scalinglab.data.Shuffle;
import dev.scalinglab.data.Split;
import dev.scalinglab.model.Mlp;
import java.util.List;

/**
 * Trains one {@link Mlp} with SGD (or momentum, or Adam) and per-parameter learning rates.
 *
 * <p>The features at input scale s live on the engine for the whole run; each epoch gathers them
 * once in the shuffled order, so a step only slices a view. Loss and accuracy accumulate on the
 * engine and are read every {@value #CHECK_EVERY} steps, to catch divergence without a host sync
 * per step. Every step's intermediates live in a sub-manager closed at the end of the step.
 */
public final class ModelTrainer implements AutoCloseable {

  private static final int CHECK_EVERY = 200;
  private static final int EVAL_CHUNK = 1000;

  private final String name;
  private final Hyperparameters hp;
  private final NDManager manager;
  private final Mlp model;
  private final NDArray trainX;
  private final NDArray trainY;
  private final NDArray validationX;
  private final NDArray validationY;
  private final List<Parameter> parameters;
  private final Optimizer optimizer;
  private final Loss loss = new SoftmaxCrossEntropyLoss("loss");
  private int epochsCompleted;
  private int stepInEpoch;
  private NDManager epochManager;
  private EpochData epochData;

  /**
   * Creates the model and its optimizer.
   *
   * @param name scenario name used in the history
   * @param train training split (its first {@code hp.trainSize()} images are used)
   * @param validation validation split
   * @param inputScale s: features are raw / 255 · s and the first kernel starts at Glorot / s
   * @param multipliers learning-rate factors per parameter group
   * @param hp shared hyper-parameters
   * @param parent manager under which everything of this trainer lives
   */
  public ModelTrainer(
      String name,
      Split train,
      Split validation,
      float inputScale,
      LrMultipliers multipliers,
      Hyperparameters hp,
      NDManager parent) {
    if (train.size() < hp.trainSize()) {
      throw new IllegalArgumentException(
          "train size " + hp.trainSize() + " exceeds the split's " + train.size() + " images");
    }
    this.name = name;
    this.hp = hp;
    this.manager = parent.newSubManager();
    this.model = Mlp.create(inputScale, hp.seed(), manager);
    String rows = "0:" + hp.trainSize();
    this.trainX = train.features(inputScale, manager).get(rows);
    this.trainY = train.labels().get(manager, new NDIndex(rows));
    this.validationX = validation.features(inputScale, manager);
    this.validationY = validation.labels();
    this.parameters = model.parameters();
    this.optimizer = hp.optimizer().build(tracker(multipliers), hp.adamEpsilon());
  }

  private FixedPerVarTracker tracker(LrMultipliers m) {
    float lr = (float) hp.learningRate();
    return FixedPerVarTracker.builder()
        .setDefaultValue((float) (lr * m.others()))
        .put(model.firstKernel().getId(), (float) (lr * m.firstKernel()))
        .put(model.firstBias().getId(), (float) (lr * m.firstBias()))
        .build();
  }

  /** Returns the scenario name. */
  public String name() {
    return name;
  }

  /** Returns the model being trained. */
  public Mlp model() {
    return model;
  }

  /** Returns the training features at this trainer's input scale. */
  public NDArray trainFeatures() {
    return trainX;
  }

  /** Returns the validation features at this trainer's input scale. */
  public NDArray validationFeatures() {
    return validationX;
  }

  /** Returns the training labels. */
  public NDArray trainLabels() {
    return trainY;
  }

  /** Returns how many epochs have completed. */
  public int epochsCompleted() {
    return epochsCompleted;
  }

  /**
   * Trains one epoch and evaluates on the validation split; stops early, marking the row
   * diverged, when the loss or a weight becomes NaN or infinite.
   *
   * @throws TrainingInterruptedException if the thread is interrupted
   */
  public EpochResult trainEpoch(TrainingListener listener) {
    int epoch = epochsCompleted + 1;
    long start = System.nanoTime();
    int steps = hp.stepsPerEpoch();
    int reportEvery = Math.max(1, steps / 100);
    boolean diverged = false;
    EpochData data = currentEpoch();
    NDArray lossSum = data.lossSum();
    NDArray correct = data.correct();
    while (stepInEpoch < steps) {
      if (Thread.interrupted()) {
        throw new TrainingInterruptedException(name, epochsCompleted);
      }
      runStep(data, stepInEpoch, lossSum, correct);
      int done = ++stepInEpoch;
      if (done % CHECK_EVERY == 0 && !Double.isFinite(lossSum.getFloat())) {
        diverged = true;
        break;
      }
      if (done % reportEvery == 0) {
        listener.onProgress(name, epoch, done, steps);
      }
    }
    double trainLoss = lossSum.getFloat() / stepInEpoch;
    double trainAccuracy = correct.getLong() / (double) (stepInEpoch * hp.batchSize());
    diverged = diverged || !Double.isFinite(trainLoss) || !weightsFinite();
    Evaluation eval = evaluate(validationX, validationY);
    finishEpoch();
    EpochResult result =
        new EpochResult(
            name,
            epoch,
            trainLoss,
            trainAccuracy,
            eval.loss(),
            eval.accuracy(),
            eval.deadRelu(),
            (System.nanoTime() - start) / 1e9,
            diverged);
    listener.onEpoch(result);
    return result;
  }

  /**
   * Runs the next {@code steps} SGD steps of the current epoch's batch order, with no evaluation;
   * a later {@link #trainEpoch} finishes the epoch from there.
   */
  public void trainSteps(int steps) {
    int left = hp.stepsPerEpoch() - stepInEpoch;
    if (steps < 0 || steps > left) {
      throw new IllegalArgumentException(
          "steps must be in 0.." + left + " (steps left in this epoch), got " + steps);
    }
    EpochData data = currentEpoch();
    for (int i = 0; i < steps; i++) {
      runStep(data, stepInEpoch++, data.lossSum(), data.correct());
    }
  }

  /** Returns how many steps of the current epoch have run. */
  public int stepInEpoch() {
    return stepInEpoch;
  }

  /** Returns the images and labels of the current epoch's {@code step}-th batch (0-based). */
  public NDArray[] batch(int step, NDManager target) {
    EpochData data = currentEpoch();
    int from = step * hp.batchSize();
    NDIndex rows = new NDIndex(from + ":" + (from + hp.batchSize()));
    return new NDArray[] {data.images().get(target, rows), data.labels().get(target, rows)};
  }

  private EpochData currentEpoch() {
    if (epochData == null) {
      epochManager = manager.newSubManager();
      epochData = EpochData.shuffled(trainX, trainY, hp.seed(), epochsCompleted + 1, epochManager);
    }
    return epochData;
  }

  private void finishEpoch() {
    epochsCompleted++;
    stepInEpoch = 0;
    epochData = null;
    epochManager.close();
    epochManager = null;
  }

  private void runStep(EpochData data, int step, NDArray lossSum, NDArray correct) {
    int from = step * hp.batchSize();
    String rows = from + ":" + (from + hp.batchSize());
    try (NDManager stepManager = manager.newSubManager()) {
      NDArray x = data.images().get(stepManager, new NDIndex(rows));
      NDArray y = data.labels().get(stepManager, new NDIndex(rows));
      NDArray logits;
      NDArray batchLoss;
      try (GradientScope scope = GradientScope.open()) {
        logits = model.forward(x, true);
        batchLoss = loss.evaluate(new NDList(y), new NDList(logits));
        scope.backward(batchLoss);
      }
      GradientScope.withoutGradients(
          () -> {
            for (Parameter p : parameters) {
              NDArray weight = p.getArray();
              NDArray grad = weight.getGradient();
              grad.attach(stepManager);
              optimizer.update(p.getId(), weight, grad);
              GradientScope.zeroGradient(weight);
            }
            lossSum.addi(batchLoss);
            correct.addi(logits.argMax(1).eq(y).countNonzero());
          });
    }
  }

  /**
   * Returns the gradient of the mean batch loss with respect to {@code parameter} for the batch
   * (x, y), without changing the model. The array belongs to {@code target}.
   */
  public NDArray gradient(Parameter parameter, NDArray x, NDArray y, NDManager target) {
    try (NDManager stepManager = manager.newSubManager()) {
      try (GradientScope scope = GradientScope.open()) {
        NDArray logits = model.forward(x, true);
        scope.backward(loss.evaluate(new NDList(y), new NDList(logits)));
      }
      NDArray grad = parameter.getArray().getGradient();
      grad.attach(stepManager);
      NDArray copy = grad.duplicate();
      copy.attach(target);
      for (Parameter p : parameters) {
        GradientScope.zeroGradient(p.getArray());
      }
      return copy;
    }
  }

  /** Evaluates the current model on a split at this trainer's input scale. */
  public Evaluation evaluate(NDArray features, NDArray labels) {
    long n = features.getShape().get(0);
    Evaluation[] out = new Evaluation[1];
    try (NDManager evalManager = manager.newSubManager()) {
      GradientScope.withoutGradients(
          () -> {
            NDArray lossSum = evalManager.zeros(new Shape());
            NDArray correct = evalManager.zeros(new Shape(), DataType.INT64);
            NDArray unitMax = null;
            for (long from = 0; from < n; from += EVAL_CHUNK) {
              long to = Math.min(n, from + EVAL_CHUNK);
              NDIndex rows = new NDIndex(from + ":" + to);
              NDArray x = features.get(evalManager, rows);
              NDArray y = labels.get(evalManager, rows);
              NDArray pre = model.firstPreActivations(x);
              NDArray logits = model.forwardFromFirstPreActivations(pre);
              lossSum.addi(loss.evaluate(new NDList(y), new NDList(logits)).mul(to - from));
              correct.addi(logits.argMax(1).eq(y).countNonzero());
              NDArray chunkMax = pre.max(new int[] {0});
              unitMax = unitMax == null ? chunkMax : unitMax.maximum(chunkMax);
            }
            double dead = unitMax.lte(0).countNonzero().getLong() / (double) unitMax.size();
            out[0] =
                new Evaluation(lossSum.getFloat() / n, correct.getLong() / (double) n, dead);
          });
    }
    return out[0];
  }

  /** Returns the validation metrics of the current model. */
  public Evaluation evaluateValidation() {
    return evaluate(validationX, validationY);
  }

  private boolean weightsFinite() {
    try (NDManager scratch = manager.newSubManager()) {
      for (Parameter p : parameters) {
        // A NaN or infinite element (or an overflow to one) makes the sum non-finite.
        NDArray total = p.getArray().sum();
        total.attach(scratch);
        if (!Float.isFinite(total.getFloat())) {
          return false;
        }
      }
      return true;
    }
  }

  /** Releases the model, the features and every array of this trainer. */
  @Override
  public void close() {
    manager.close();
  }

  /**
   * One epoch's training images and labels, gathered once in shuffled order, and the epoch's
   * loss and accuracy accumulators on the engine.
   */
  private record EpochData(NDArray images, NDArray labels, NDArray lossSum, NDArray correct) {
    static EpochData shuffled(NDArray x, NDArray y, long seed, int epoch, NDManager manager) {
      int n = Math.toIntExact(x.getShape().get(0));
      int[] order = Shuffle.permutation(seed, epoch, n);
      NDArray index = manager.create(order).toType(DataType.INT64, false);
      NDIndex gather = new NDIndex("{}", index);
      return new EpochData(
          x.get(manager, gather),
          y.get(manager, gather),
          manager.zeros(new Shape()),
          manager.zeros(new Shape(), DataType.INT64));
    }
  }
}
