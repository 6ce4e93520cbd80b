package dev.scalinglab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.tracker.FixedPerVarTracker;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.data.Split;
import dev.scalinglab.engine.EngineSetup;
import dev.scalinglab.model.Mlp;
import java.util.function.Function;

/**
 * Trains one {@link Mlp} of a {@link Scenario}. One primitive trains: {@link #trainSteps} runs the
 * next N steps (a {@link TrainingStep} over each epoch's {@link BatchOrder}, checking for
 * divergence); {@link #endEpoch} makes an epoch's row (an {@link Evaluator} on the validation
 * split); {@link #trainEpoch} is the two in a row.
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
  private int epoch = 1;
  private int rows;
  private long stepsCompleted;
  private EpochState current;

  /**
   * Creates the model of {@code scenario} (its name names the history rows) on {@code data}'s first
   * {@code hp.trainSize()} training images; everything lives under {@code parent}.
   */
  public static ModelTrainer create(
      FashionMnistData data, Scenario scenario, Hyperparameters hp, NDManager parent) {
    return create(data.train(), data.validation(), scenario, hp, parent);
  }

  /**
   * Creates the model of {@code scenario} on the first {@code hp.trainSize()} images of {@code
   * train}, validated on {@code validation}; everything lives under {@code parent}.
   */
  public static ModelTrainer create(
      Split train, Split validation, Scenario scenario, Hyperparameters hp, NDManager parent) {
    return new ModelTrainer(
        scenario.name(),
        train,
        validation,
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
    EngineSetup.configure();
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

  /**
   * Returns how many epoch rows this trainer has made ({@link #endEpoch}); epochs that {@link
   * #trainSteps} ran through without a row are not counted.
   */
  public int epochsCompleted() {
    return rows;
  }

  /** Returns the epoch the next step belongs to, from 1: its batch order is seeded with it. */
  public int epoch() {
    return epoch;
  }

  /** Returns the steps of the current epoch that have not run yet. */
  public int stepsLeftInEpoch() {
    return hp.stepsPerEpoch() - currentEpoch().sums.steps();
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
   * Trains the rest of the current epoch (all of it unless {@link #trainSteps} ran part; the next
   * one if its batches have all run) and returns its row: {@link #trainSteps} then {@link
   * #endEpoch}. Stops early, marking the row diverged, when the loss or a weight becomes NaN or
   * infinite.
   *
   * @throws TrainingInterruptedException if the thread is interrupted
   */
  public EpochResult trainEpoch(TrainingListener listener) {
    if (stepsLeftInEpoch() == 0) {
      moveToNextEpoch();
    }
    trainSteps(stepsLeftInEpoch(), listener);
    return endEpoch(listener);
  }

  /**
   * Runs the next {@code steps} steps with no listener; see {@link #trainSteps(int,
   * TrainingListener)}.
   */
  public boolean trainSteps(int steps) {
    return trainSteps(steps, TrainingListener.NONE);
  }

  /**
   * Runs the next {@code steps} steps of the batch order: the one way this trainer trains. When an
   * epoch's batches have all run, the next step starts the next epoch's order, and the finished
   * epoch gets no row: rows are made by {@link #endEpoch}. Sends step-level loss every {@link
   * #stepInterval()} steps, at the end of each epoch's batches, and progress to {@code listener}.
   *
   * @return false if it stopped early because the epoch's loss became NaN or infinite (checked
   *     every {@value #CHECK_EVERY} steps of an epoch), true if all steps ran
   * @throws TrainingInterruptedException if the thread is interrupted
   */
  public boolean trainSteps(int steps, TrainingListener listener) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, got " + steps);
    }
    boolean record = listener != TrainingListener.NONE;
    int perEpoch = hp.stepsPerEpoch();
    int reportEvery = Math.max(1, perEpoch / PROGRESS_REPORTS);
    boolean previousMode = GradientScope.setRecording(false);
    try {
      for (int i = 0; i < steps; i++) {
        if (Thread.interrupted()) {
          throw new TrainingInterruptedException(name, rows);
        }
        if (stepsLeftInEpoch() == 0) {
          moveToNextEpoch();
        }
        EpochState state = currentEpoch();
        long start = System.nanoTime();
        try (NDManager stepManager = manager.newSubManager()) {
          step.run(state.order.batch(state.sums.steps()), stepManager, state.sums);
        }
        stepsCompleted++;
        int done = state.sums.steps();
        if (record && (state.sums.windowSteps() >= stepInterval || done == perEpoch)) {
          recordSteps(state, listener);
        }
        boolean diverged = done % CHECK_EVERY == 0 && !Double.isFinite(state.sums.lossSum());
        if (record && !diverged && done % reportEvery == 0) {
          listener.onProgress(name, epoch, done, perEpoch);
        }
        state.nanos += System.nanoTime() - start;
        if (diverged) {
          return false;
        }
      }
      return true;
    } finally {
      GradientScope.setRecording(previousMode);
    }
  }

  /**
   * Ends the current epoch with its row: mean loss and accuracy of the steps it ran, validation
   * metrics, and whether it diverged (loss or a weight NaN or infinite); sends the row to {@code
   * listener}. The next step starts the next epoch.
   */
  public EpochResult endEpoch(TrainingListener listener) {
    EpochState state = currentEpoch();
    long start = System.nanoTime();
    recordSteps(state, listener);
    double trainLoss = state.sums.meanLoss();
    double trainAccuracy = state.sums.accuracy();
    boolean diverged = !Double.isFinite(trainLoss) || !weightsFinite();
    Evaluation eval = evaluateValidation();
    double seconds = (state.nanos + System.nanoTime() - start) / 1e9;
    EpochResult result =
        new EpochResult(
            name,
            epoch,
            trainLoss,
            trainAccuracy,
            eval.loss(),
            eval.accuracy(),
            eval.deadRelu(),
            seconds,
            diverged);
    rows++;
    closeEpoch();
    listener.onEpoch(result);
    return result;
  }

  /** Returns the validation metrics of the current model. */
  public Evaluation evaluateValidation() {
    return evaluator.evaluate(model, validationX, validationY, manager);
  }

  private void recordSteps(EpochState state, TrainingListener listener) {
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
                  trainPixels, inputScale, trainY, hp.seed(), epoch, hp.batchSize(), epochManager),
              new EpochSums(epochManager, hp.batchSize()));
    }
    return current;
  }

  /** Leaves an epoch whose batches have all run without a row. */
  private void moveToNextEpoch() {
    closeEpoch();
  }

  private void closeEpoch() {
    epoch++;
    if (current != null) {
      current.manager.close();
      current = null;
    }
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

  /** The current epoch: its manager, batch order, engine-side sums and training time so far. */
  private static final class EpochState {
    private final NDManager manager;
    private final BatchOrder order;
    private final EpochSums sums;
    private long nanos;

    private EpochState(NDManager manager, BatchOrder order, EpochSums sums) {
      this.manager = manager;
      this.order = order;
      this.sums = sums;
    }
  }
}
