package dev.scalinglab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.tracker.FixedPerVarTracker;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.data.Split;
import dev.scalinglab.model.Mlp;
import java.util.function.Function;

/**
 * Trains one {@link Mlp} of a {@link Scenario}, epoch by epoch or step by step: a {@link
 * TrainingStep} over each epoch's {@link BatchOrder}, an {@link Evaluator} after each epoch, and
 * checks for divergence.
 *
 * <p>The features at input scale s live on the engine for the whole run, and loss and accuracy
 * accumulate there ({@link EpochSums}); the host reads them every {@link #stepInterval()} steps for
 * the step-level loss ({@link TrainingListener#onStep}) and every {@value #CHECK_EVERY} steps to
 * catch divergence, never once per step.
 */
public final class ModelTrainer implements AutoCloseable {

  /** Steps between two step-level loss records, unless set otherwise. */
  public static final int DEFAULT_STEP_INTERVAL = 50;

  /**
   * Steps between two divergence checks: rare enough to cost nothing, and fixed, since where a
   * diverging epoch stops decides its row.
   */
  private static final int CHECK_EVERY = 200;

  /** Progress reports per epoch: enough for a smooth bar. */
  private static final int PROGRESS_REPORTS = 100;

  private final String name;
  private final Hyperparameters hp;
  private final NDManager manager;
  private final Mlp model;
  private final Split train;
  private final float inputScale;
  private final NDArray trainPixels;
  private final NDArray trainY;
  private NDArray trainFeatures;
  private final NDArray validationX;
  private final NDArray validationY;
  private final TrainingStep step;
  private final Evaluator evaluator = new Evaluator();
  private int stepInterval = DEFAULT_STEP_INTERVAL;
  private int epochsCompleted;
  private long stepsCompleted;
  private EpochState current;

  /**
   * Creates the model of {@code scenario} (its name names the history rows) on {@code data}'s first
   * {@code hp.trainSize()} training images; everything lives under {@code parent}.
   */
  public static ModelTrainer create(
      FashionMnistData data, Scenario scenario, Hyperparameters hp, NDManager parent) {
    return new ModelTrainer(
        scenario.name(),
        data.train(),
        data.validation(),
        scenario.inputScale(),
        scenario.multipliers(),
        hp,
        parent);
  }

  /**
   * Creates the model and its training step.
   *
   * @param name scenario name used in the history
   * @param train training split (its first {@code hp.trainSize()} images are used)
   * @param validation validation split
   * @param inputScale s: features are raw / 255 · s and the first kernel starts at Glorot / s
   * @param multipliers learning-rate factors per parameter group
   * @param hp hyper-parameters
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
    this(name, train, validation, inputScale, multipliers, hp, parent, null);
  }

  /**
   * As the public constructor; {@code stepFactory} (tests) replaces {@link TrainingStep#create}.
   */
  ModelTrainer(
      String name,
      Split train,
      Split validation,
      float inputScale,
      LrMultipliers multipliers,
      Hyperparameters hp,
      NDManager parent,
      Function<ModelTrainer, TrainingStep> stepFactory) {
    if (train.size() < hp.trainSize()) {
      throw new IllegalArgumentException(
          "train size " + hp.trainSize() + " exceeds the split's " + train.size() + " images");
    }
    this.name = name;
    this.hp = hp;
    this.manager = parent.newSubManager();
    this.model = Mlp.create(hp.model(), inputScale, hp.seed(), manager);
    String rows = "0:" + hp.trainSize();
    this.train = train;
    this.inputScale = inputScale;
    // Raw pixels, scaled chunk by chunk as batches are gathered: a scaled copy of 55,000 images
    // is 172 MB, per trainer, and a notebook runs up to six trainers at once.
    this.trainPixels = train.images().get(manager, new NDIndex(rows));
    this.trainY = train.labels().get(manager, new NDIndex(rows));
    this.validationX = validation.features(inputScale, manager);
    this.validationY = validation.labels();
    this.step =
        stepFactory == null
            ? TrainingStep.create(model, hp, learningRates(multipliers), manager)
            : stepFactory.apply(this);
  }

  /** Returns each parameter's learning rate: the base rate times the scenario's factor. */
  FixedPerVarTracker learningRates(LrMultipliers m) {
    m.checkRepresentable(hp.learningRate(), name);
    return m.tracker(model, hp.learningRate());
  }

  /** Returns the scenario name. */
  public String name() {
    return name;
  }

  /** Returns the model being trained. */
  public Mlp model() {
    return model;
  }

  /** Returns the analysis view: data at this trainer's scale, batches ahead, gradients. */
  public Probe probe() {
    return new Probe(model, this::trainFeatures, trainY, validationX, this::upcomingBatch, manager);
  }

  /** Returns the training features at this trainer's scale, made on first use (analyses only). */
  private synchronized NDArray trainFeatures() {
    if (trainFeatures == null) {
      trainFeatures = train.features(inputScale, manager, hp.trainSize());
    }
    return trainFeatures;
  }

  /** Returns how many epochs have completed. */
  public int epochsCompleted() {
    return epochsCompleted;
  }

  /** Returns the steps between two step-level loss records. */
  public int stepInterval() {
    return stepInterval;
  }

  /**
   * Sets the steps between two step-level loss records ({@link TrainingListener#onStep}); each
   * record is one host read of an engine-side sum. Returns this trainer.
   */
  public ModelTrainer setStepInterval(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("step interval must be >= 1 step, got " + steps);
    }
    this.stepInterval = steps;
    return this;
  }

  /**
   * Trains the rest of the current epoch (all of it unless {@link #trainSteps} ran part) and
   * evaluates on the validation split; stops early, marking the row diverged, when the loss or a
   * weight becomes NaN or infinite. Sends the step-level loss, progress and the epoch's row to
   * {@code listener}.
   *
   * @throws TrainingInterruptedException if the thread is interrupted
   */
  public EpochResult trainEpoch(TrainingListener listener) {
    int epoch = epochsCompleted + 1;
    long start = System.nanoTime();
    int steps = hp.stepsPerEpoch();
    int reportEvery = Math.max(1, steps / PROGRESS_REPORTS);
    boolean diverged = false;
    EpochState state = currentEpoch();
    try (GradientScope.ModeGuard mode = GradientScope.saveMode()) {
      while (state.sums.steps() < steps) {
        if (Thread.interrupted()) {
          throw new TrainingInterruptedException(name, epochsCompleted);
        }
        runStep(state);
        int done = state.sums.steps();
        if (state.sums.windowSteps() >= stepInterval) {
          recordSteps(state, epoch, listener);
        }
        if (done % CHECK_EVERY == 0 && !Double.isFinite(state.sums.lossSum())) {
          diverged = true;
          break;
        }
        if (done % reportEvery == 0) {
          listener.onProgress(name, epoch, done, steps);
        }
      }
    }
    recordSteps(state, epoch, listener);
    double trainLoss = state.sums.meanLoss();
    double trainAccuracy = state.sums.accuracy();
    diverged = diverged || !Double.isFinite(trainLoss) || !weightsFinite();
    Evaluation eval = evaluateValidation();
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
   * Runs the next {@code steps} steps of the batch order, with no evaluation and no listener; at
   * the end of an epoch it moves on to the next epoch's order. A later {@link #trainEpoch} finishes
   * the current epoch from where this stopped.
   */
  public void trainSteps(int steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, got " + steps);
    }
    try (GradientScope.ModeGuard mode = GradientScope.saveMode()) {
      for (int i = 0; i < steps; i++) {
        EpochState state = currentEpoch();
        runStep(state);
        if (state.sums.steps() == hp.stepsPerEpoch()) {
          finishEpoch();
        }
      }
    }
  }

  /** Returns the validation metrics of the current model. */
  public Evaluation evaluateValidation() {
    return evaluator.evaluate(model, validationX, validationY, manager);
  }

  private void runStep(EpochState state) {
    try (NDManager stepManager = manager.newSubManager()) {
      step.run(state.order.batch(state.sums.steps()), stepManager, state.sums);
    }
    stepsCompleted++;
  }

  private void recordSteps(EpochState state, int epoch, TrainingListener listener) {
    int n = state.sums.windowSteps();
    if (n > 0) {
      listener.onStep(new StepResult(name, epoch, stepsCompleted, n, state.sums.takeWindow()));
    }
  }

  private Batch upcomingBatch(int index) {
    EpochState state = currentEpoch();
    if (index < state.sums.steps() || index >= hp.stepsPerEpoch()) {
      throw new IllegalArgumentException(
          "batch "
              + index
              + " is not ahead in this epoch (now at step "
              + state.sums.steps()
              + ")");
    }
    return state.order.batch(index);
  }

  private EpochState currentEpoch() {
    if (current == null) {
      NDManager epochManager = manager.newSubManager();
      current =
          new EpochState(
              epochManager,
              BatchOrder.shuffled(
                  trainPixels,
                  inputScale,
                  trainY,
                  hp.seed(),
                  epochsCompleted + 1,
                  hp.batchSize(),
                  epochManager),
              new EpochSums(epochManager, hp.batchSize()));
    }
    return current;
  }

  private void finishEpoch() {
    epochsCompleted++;
    current.manager.close();
    current = null;
  }

  private boolean weightsFinite() {
    try (NDManager scratch = manager.newSubManager()) {
      for (Parameter p : model.parameters()) {
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

  /** The current epoch: its manager, batch order and engine-side sums. */
  private record EpochState(NDManager manager, BatchOrder order, EpochSums sums) {}
}
