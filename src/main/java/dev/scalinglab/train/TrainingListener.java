package dev.scalinglab.train;

/** Receives progress from a training; every method has an empty default. */
public interface TrainingListener {

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /** Called about a hundred times an epoch with the steps done so far. */
  default void onProgress(String scenario, int epoch, int step, int steps) {}

  /** Called after each epoch with its row of the history. */
  default void onEpoch(EpochResult result) {}

  /** Returns a listener that passes each epoch's row to {@code action} (handy in notebooks). */
  static TrainingListener onEpoch(java.util.function.Consumer<EpochResult> action) {
    return new TrainingListener() {
      @Override
      public void onEpoch(EpochResult result) {
        action.accept(result);
      }
    };
  }
}
