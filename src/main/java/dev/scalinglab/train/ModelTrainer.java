package dev.scalinglab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
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
  private final boolean pytorch = GradientScope.isPyTorch();
  private final InPlaceSgd inPlaceSgd;
  private final NDArray backwardSeed;
  private int epochsCompleted;
  private int stepInEpoch;
  private EpochState current;

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
    FixedPerVarTracker learningRates = tracker(multipliers);
    this.optimizer = hp.optimizer().build(learningRates, hp.adamEpsilon());
    this.inPlaceSgd =
        pytorch && hp.optimizer() == OptimizerKind.SGD
            ? new InPlaceSgd(parameters, learningRates, manager)
            : null;
    this.backwardSeed = pytorch ? manager.ones(new Shape()) : null;
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
   * Trains the rest of the current epoch (all of it unless {@link #trainSteps} ran part) and
   * evaluates on the validation split; stops early, marking the row diverged, when the loss or a
   * weight becomes NaN or infinite.
   *
   * @throws TrainingInterruptedException if the thread is interrupted
   */
  public EpochResult trainEpoch(TrainingListener listener) {
    int epoch = epochsCompleted + 1;
    long start = System.nanoTime();
    int steps = hp.stepsPerEpoch();
    int reportEvery = Math.max(1, steps / 100);
    boolean diverged = false;
    EpochState state = currentEpoch();
    try (GradMode mode = GradMode.save()) {
      while (stepInEpoch < steps) {
        if (Thread.interrupted()) {
          throw new TrainingInterruptedException(name, epochsCompleted);
        }
        runStep(state.data, stepInEpoch, state.lossSum, state.correct);
        int done = ++stepInEpoch;
        if (done % CHECK_EVERY == 0 && !Double.isFinite(state.lossSum.getFloat())) {
          diverged = true;
          break;
        }
        if (done % reportEvery == 0) {
          listener.onProgress(name, epoch, done, steps);
        }
      }
    }
    double trainLoss = state.lossSum.getFloat() / stepInEpoch;
    double trainAccuracy = state.correct.sum().getLong() / (double) (stepInEpoch * hp.batchSize());
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
   * Runs the next {@code steps} SGD steps of the batch order, with no evaluation; at the end of an
   * epoch it moves on to the next epoch's order. A later {@link #trainEpoch} finishes the current
   * epoch from where this stopped.
   */
  public void trainSteps(int steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, got " + steps);
    }
    try (GradMode mode = GradMode.save()) {
      for (int i = 0; i < steps; i++) {
        EpochState state = currentEpoch();
        runStep(state.data, stepInEpoch++, state.lossSum, state.correct);
        if (stepInEpoch == hp.stepsPerEpoch()) {
          finishEpoch();
        }
      }
    }
  }

  /** Returns how many steps of the current epoch have run. */
  public int stepInEpoch() {
    return stepInEpoch;
  }

  /**
   * Returns copies of the images and labels of the current epoch's batch {@code step} (0-based, not
   * before the steps already run), owned by {@code target}.
   */
  public NDArray[] batch(int step, NDManager target) {
    if (step < stepInEpoch || step >= hp.stepsPerEpoch()) {
      throw new IllegalArgumentException(
          "batch " + step + " is not ahead in this epoch (now at step " + stepInEpoch + ")");
    }
    Batch batch = currentEpoch().data.batch(step);
    NDArray x = batch.x().duplicate();
    NDArray y = batch.y().duplicate();
    x.attach(target);
    y.attach(target);
    return new NDArray[] {x, y};
  }

  private EpochState currentEpoch() {
    if (current == null) {
      NDManager epochManager = manager.newSubManager();
      current =
          new EpochState(
              epochManager,
              EpochData.shuffled(
                  trainX, trainY, hp.seed(), epochsCompleted + 1, hp.batchSize(), epochManager),
              epochManager.zeros(new Shape()),
              epochManager.zeros(new Shape(hp.batchSize()), DataType.INT64));
    }
    return current;
  }

  private void finishEpoch() {
    epochsCompleted++;
    stepInEpoch = 0;
    current.manager.close();
    current = null;
  }

  private void runStep(EpochData data, int step, NDArray lossSum, NDArray correct) {
    if (!pytorch) {
      runStepGeneric(data, step, lossSum, correct);
      return;
    }
    Batch batch = data.batch(step);
    try (NDManager stepManager = manager.newSubManager()) {
      // Each view is used by this step only; owning it here makes every result the step
      // computes belong to the step too (results join their first operand's manager).
      batch.attach(stepManager);
      NDArray x = batch.x();
      NDArray y = batch.y();
      GradientScope.setRecording(true);
      NDArray logits = forwardDirect(x);
      // Labels shaped (batch, 1): the loss's pick then needs no reshape.
      NDArray batchLoss = loss.evaluate(new NDList(batch.column()), new NDList(logits));
      GradientScope.backward(batchLoss, backwardSeed);
      GradientScope.setRecording(false);
      if (inPlaceSgd != null) {
        inPlaceSgd.step();
      } else {
        updateWithOptimizer(stepManager);
      }
      lossSum.addi(batchLoss);
      correct.addi(logits.argMax(1).eq(y));
    }
  }

  /**
   * Returns the logits through the same engine ops as {@link Mlp#forward} (linear, ReLU, ...,
   * linear) called directly on the parameter arrays: the block path adds a device query per layer
   * and parameter-store lookups, a tenth of a small step's overhead.
   */
  private NDArray forwardDirect(NDArray x) {
    NDArray h = x;
    int layers = parameters.size() / 2;
    for (int i = 0; i < layers; i++) {
      NDArray weight = parameters.get(2 * i).getArray();
      NDArray bias = parameters.get(2 * i + 1).getArray();
      h = h.getNDArrayInternal().linear(h, weight, bias).singletonOrThrow();
      if (i < layers - 1) {
        h = Activation.relu(h);
      }
    }
    return h;
  }

  /** The engine-neutral step: DJL's gradient collector and optimizer. */
  private void runStepGeneric(EpochData data, int step, NDArray lossSum, NDArray correct) {
    Batch batch = data.batch(step);
    try (NDManager stepManager = manager.newSubManager()) {
      // Each view is used by this step only; owning it here makes every result the step
      // computes belong to the step too (results join their first operand's manager).
      batch.attach(stepManager);
      NDArray x = batch.x();
      NDArray y = batch.y();
      NDArray logits;
      NDArray batchLoss;
      try (GradientScope scope = GradientScope.open()) {
        logits = model.forward(x, true);
        batchLoss = loss.evaluate(new NDList(y), new NDList(logits));
        scope.backward(batchLoss);
      }
      GradientScope.withoutGradients(
          () -> {
            updateWithOptimizer(stepManager);
            lossSum.addi(batchLoss);
            correct.addi(logits.argMax(1).eq(y).toType(DataType.INT64, false));
          });
    }
  }

  private void updateWithOptimizer(NDManager stepManager) {
    for (Parameter p : parameters) {
      NDArray weight = p.getArray();
      NDArray grad = weight.getGradient();
      grad.attach(stepManager);
      optimizer.update(p.getId(), weight, grad);
      GradientScope.zeroGradient(weight);
    }
  }

  /**
   * Returns the gradient of the mean batch loss with respect to {@code parameter} for the batch (x,
   * y), without changing the model. The array belongs to {@code target}.
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
            out[0] = new Evaluation(lossSum.getFloat() / n, correct.getLong() / (double) n, dead);
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

  /** Restores the calling thread's grad mode when closed (PyTorch; a no-op elsewhere). */
  private static final class GradMode implements AutoCloseable {
    private final boolean pytorch = GradientScope.isPyTorch();
    private final boolean previous = pytorch && GradientScope.isRecording();

    static GradMode save() {
      return new GradMode();
    }

    @Override
    public void close() {
      if (pytorch) {
        GradientScope.setRecording(previous);
      }
    }
  }

  /** The current epoch: its manager, batch order, and loss and hit accumulators on the engine. */
  private record EpochState(NDManager manager, EpochData data, NDArray lossSum, NDArray correct) {}

  /** One step's images, labels, and labels as a (batch, 1) column; views owned by the epoch. */
  private record Batch(NDArray x, NDArray y, NDArray column) {
    void attach(NDManager manager) {
      x.attach(manager);
      y.attach(manager);
      column.attach(manager);
    }
  }

  /**
   * One epoch's batch order. Rows are gathered by index from the training arrays a chunk of about
   * {@value #CHUNK_ROWS} rows at a time and split into per-step views, so a step makes no indexing
   * call and the epoch never holds a shuffled copy of the whole data set.
   */
  private static final class EpochData {
    private static final int CHUNK_ROWS = 8192;

    private final NDArray x;
    private final NDArray y;
    private final NDArray order;
    private final NDManager manager;
    private final int batchSize;
    private final int steps;
    private final int stepsPerChunk;
    private NDManager chunkManager;
    private int chunkStart = -1;
    private NDList xs;
    private NDList ys;
    private NDList columns;

    private EpochData(NDArray x, NDArray y, NDArray order, NDManager manager, int batchSize) {
      this.x = x;
      this.y = y;
      this.order = order;
      this.manager = manager;
      this.batchSize = batchSize;
      this.steps = Math.toIntExact(order.size() / batchSize);
      this.stepsPerChunk = Math.max(1, CHUNK_ROWS / batchSize);
    }

    static EpochData shuffled(
        NDArray x, NDArray y, long seed, int epoch, int batchSize, NDManager manager) {
      int n = Math.toIntExact(x.getShape().get(0));
      int[] order = Shuffle.permutation(seed, epoch, n);
      long[] index = new long[n];
      for (int i = 0; i < n; i++) {
        index[i] = order[i];
      }
      return new EpochData(x, y, manager.create(index), manager, batchSize);
    }

    /** Returns step {@code step}'s batch (steps are taken in order). */
    Batch batch(int step) {
      if (chunkStart < 0 || step < chunkStart || step >= chunkStart + stepsPerChunk) {
        gatherChunk(step - step % stepsPerChunk);
      }
      int i = step - chunkStart;
      return new Batch(xs.get(i), ys.get(i), columns.get(i));
    }

    private void gatherChunk(int firstStep) {
      if (chunkManager != null) {
        chunkManager.close();
      }
      chunkManager = manager.newSubManager();
      chunkStart = firstStep;
      int count = Math.min(stepsPerChunk, steps - firstStep);
      long from = (long) firstStep * batchSize;
      long to = from + (long) count * batchSize;
      NDArray rows = order.get(chunkManager, new NDIndex().addSliceDim(from, to));
      NDIndex gather = new NDIndex("{}", rows);
      NDArray chunkX = x.get(chunkManager, gather);
      NDArray chunkY = y.get(chunkManager, gather);
      long[] cuts = new long[count - 1];
      for (int i = 1; i < count; i++) {
        cuts[i - 1] = (long) i * batchSize;
      }
      xs = chunkX.split(cuts);
      ys = chunkY.split(cuts);
      columns = chunkY.reshape(-1, 1).split(cuts);
    }
  }
}
