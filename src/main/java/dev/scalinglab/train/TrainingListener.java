package dev.scalinglab.train;

import java.util.function.Consumer;

/** Receives progress from a training; every method has an empty default. */
public interface TrainingListener {

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /** Called about a hundred times an epoch with the steps done so far. */
  default void onProgress(String scenario, int epoch, int step, int steps) {}

  /**
   * Called during an epoch, every {@link ModelTrainer#DEFAULT_STEP_INTERVAL} steps (or the
   * trainer's own interval) and at its end, with the mean training loss of those steps: live charts
   * refresh from it mid-epoch.
   */
  default void onStep(StepResult result) {}

  /** Called after each epoch with its row of the history. */
  default void onEpoch(EpochResult result) {}

  /** Returns a listener that passes each epoch's row to {@code action} (handy in notebooks). */
  static TrainingListener onEpoch(Consumer<EpochResult> action) {
    return new TrainingListener() {
      @Override
      public void onEpoch(EpochResult result) {
        action.accept(result);
      }
    };
  }

  /** Returns a listener that passes each step-loss row to {@code action} (handy in notebooks). */
  static TrainingListener onStep(Consumer<StepResult> action) {
    return new TrainingListener() {
      @Override
      public void onStep(StepResult result) {
        action.accept(result);
      }
    };
  }
}
