package dev.scalinglab.experiment;

import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import dev.scalinglab.train.StepResult;
import dev.scalinglab.train.TrainingListener;

/** The listener an {@link Experiment}'s runs share: calls serialised, rows recorded. */
final class SerialListener {

  private SerialListener() {}

  /**
   * Returns a listener that adds each step-level loss row and epoch row to {@code history}, then
   * passes the call on to {@code listener}: a row is in the history before anyone hears of it, as a
   * listener may read the history.
   */
  static TrainingListener recording(TrainingListener listener, History history) {
    return new TrainingListener() {
      @Override
      public void onProgress(String scenario, int epoch, int step, int steps) {
        listener.onProgress(scenario, epoch, step, steps);
      }

      @Override
      public void onStep(StepResult result) {
        history.add(result);
        listener.onStep(result);
      }

      @Override
      public void onEpoch(EpochResult result) {
        history.add(result);
        listener.onEpoch(result);
      }
    };
  }

  /** Returns a listener that passes every call on to {@code listener}, one call at a time. */
  static TrainingListener serialised(TrainingListener listener) {
    return new TrainingListener() {
      @Override
      public synchronized void onStep(StepResult result) {
        listener.onStep(result);
      }

      @Override
      public synchronized void onProgress(String scenario, int epoch, int step, int steps) {
        listener.onProgress(scenario, epoch, step, steps);
      }

      @Override
      public synchronized void onEpoch(EpochResult result) {
        listener.onEpoch(result);
      }
    };
  }
}
