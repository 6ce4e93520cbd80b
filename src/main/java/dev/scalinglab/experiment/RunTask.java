package dev.scalinglab.experiment;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.scalinglab.data.Split;
import dev.scalinglab.engine.IntraOpThreads;
import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.ModelTrainer;
import dev.scalinglab.train.TrainingInterruptedException;
import dev.scalinglab.train.TrainingListener;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/**
 * One run's training, a plain loop over its epochs on its own thread. Each epoch holds one of the
 * experiment's permits (a fair semaphore, one permit per training at once): a finished epoch queues
 * the run behind the others, so runs take turns epoch by epoch and the cores stay busy to the end
 * (five scenarios on two cores take 2.5 scenario-times, not 3). The thread's libtorch intra-op
 * count is the run's ({@link IntraOpThreads#perTraining}). An interrupt stops the run at its next
 * step or while it waits for a permit.
 */
final class RunTask implements Callable<Void> {

  /**
   * What the runs of one experiment share.
   *
   * @param train the images every run trains on (its first {@code trainSize})
   * @param validation the images every run is validated on
   * @param permits one permit per training at once, fair
   * @param stepInterval steps between two step-level loss records
   * @param recording the listener that records rows in the history and passes them on (serialised)
   * @param serial the same listener without recording, for the stand-in row of a failed run
   * @param failures where a run that throws is recorded so the others go on; null to fail the
   *     experiment instead
   */
  record Shared(
      Split train,
      Split validation,
      Semaphore permits,
      int stepInterval,
      TrainingListener recording,
      TrainingListener serial,
      Map<String, RuntimeException> failures) {}

  private final RunPlan.Run run;
  private final Shared shared;
  private final int intraOpThreads;

  /** Creates the task of {@code run}, one of {@code concurrent} trainings at once. */
  RunTask(RunPlan.Run run, Shared shared, int concurrent) {
    this.run = run;
    this.shared = shared;
    this.intraOpThreads = IntraOpThreads.perTraining(concurrent, run.hyperparameters().batchSize());
  }

  @Override
  public Void call() {
    Hyperparameters hp = run.hyperparameters();
    IntraOpThreads.apply(intraOpThreads);
    ModelTrainer trainer = null;
    try (NDManager manager = Engine.getInstance().newBaseManager()) {
      for (int epoch = 1; epoch <= hp.epochs(); epoch++) {
        acquire(epoch - 1);
        EpochResult row;
        try {
          if (trainer == null) {
            trainer =
                ModelTrainer.create(
                        shared.train(), shared.validation(), run.scenario(), hp, manager)
                    .setStepInterval(shared.stepInterval());
          }
          row = trainer.trainEpoch(shared.recording());
        } finally {
          shared.permits().release();
        }
        if (row.diverged()) {
          break;
        }
      }
    } catch (TrainingInterruptedException e) {
      throw e;
    } catch (RuntimeException e) {
      if (shared.failures() == null) {
        throw e;
      }
      // Keep what the run finished, note why it stopped, and let the others go on.
      shared.failures().put(run.name(), e);
      int done = trainer == null ? 0 : trainer.epochsCompleted();
      shared.serial().onEpoch(failedRow(done + 1));
    }
    return null;
  }

  private void acquire(int epochsCompleted) {
    try {
      shared.permits().acquire();
    } catch (InterruptedException e) {
      throw new TrainingInterruptedException(run.name(), epochsCompleted);
    }
  }

  /** A stand-in row that lets listeners count a failed run as finished; not in the history. */
  private EpochResult failedRow(int epoch) {
    return new EpochResult(
        run.name(), epoch, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, true);
  }
}
