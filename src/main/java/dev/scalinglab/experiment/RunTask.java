package dev.scalinglab.experiment;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.engine.IntraOpThreads;
import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.ModelTrainer;
import dev.scalinglab.train.Scenario;
import dev.scalinglab.train.StepResult;
import dev.scalinglab.train.TrainingInterruptedException;
import dev.scalinglab.train.TrainingListener;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * One run's training, one epoch per task: each finished epoch queues the next behind the other
 * runs' epochs, so the workers take runs round-robin and stay busy to the end (five scenarios on
 * two workers take 2.5 scenario-times, not 3). Whichever worker runs an epoch first sets its own
 * libtorch intra-op thread count to the run's ({@link IntraOpThreads#perTraining}), so a run's
 * numbers do not depend on the worker.
 */
final class RunTask implements Runnable {
  private final FashionMnistData data;
  private final int stepInterval;
  private final Map<String, RuntimeException> failures;
  private final Scenario scenario;
  private final Hyperparameters hp;
  private final int intraOpThreads;
  private final History result;
  private final TrainingListener listener;
  private final TrainingListener recording;
  private final ExecutorService pool;
  private final CompletableFuture<Void> firstFailure;
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  /** Completes when the run has finished, failed or been stopped. */
  CompletableFuture<Void> done() {
    return done;
  }

  private NDManager manager;
  private ModelTrainer trainer;

  /**
   * Creates the task of {@code run}, one of {@code concurrent} trainings at once; {@code failures}
   * (or null to fail the experiment) collects a run that throws, and {@code firstFailure} completes
   * when one fails the experiment.
   */
  RunTask(
      FashionMnistData data,
      RunPlan.Run run,
      int concurrent,
      int stepInterval,
      Map<String, RuntimeException> failures,
      History result,
      TrainingListener listener,
      ExecutorService pool,
      CompletableFuture<Void> firstFailure) {
    this.data = data;
    this.stepInterval = stepInterval;
    this.failures = failures;
    this.scenario = run.scenario();
    this.hp = run.hyperparameters();
    this.intraOpThreads = IntraOpThreads.perTraining(concurrent, hp.batchSize());
    this.result = result;
    this.listener = listener;
    this.recording =
        new TrainingListener() {
          @Override
          public void onProgress(String name, int epoch, int step, int steps) {
            listener.onProgress(name, epoch, step, steps);
          }

          @Override
          public void onStep(StepResult row) {
            listener.onStep(row);
          }

          @Override
          public void onEpoch(EpochResult row) {
            // In the history before anyone hears of it: a listener may read the history.
            result.add(row);
            listener.onEpoch(row);
          }
        };
    this.pool = pool;
    this.firstFailure = firstFailure;
  }

  @Override
  public synchronized void run() {
    if (done.isDone()) {
      return;
    }
    try {
      IntraOpThreads.apply(intraOpThreads);
      if (trainer == null) {
        manager = Engine.getInstance().newBaseManager();
        trainer = ModelTrainer.create(data, scenario, hp, manager).setStepInterval(stepInterval);
      }
      EpochResult row = trainer.trainEpoch(recording);
      if (row.diverged() || row.epoch() >= hp.epochs()) {
        close();
        done.complete(null);
      } else {
        pool.execute(this);
      }
    } catch (RejectedExecutionException e) {
      // The pool was shut down (cancel) between two epochs: stopped, not failed.
      abandon();
      close();
    } catch (RuntimeException e) {
      int epochs = epochs();
      close();
      if (failures != null && !(e instanceof TrainingInterruptedException)) {
        // Keep what the run finished, note why it stopped, and let the others go on.
        failures.put(scenario.name(), e);
        listener.onEpoch(failedRow(epochs + 1));
        done.complete(null);
      } else {
        done.completeExceptionally(e);
        firstFailure.completeExceptionally(e);
      }
    } catch (Error e) {
      close();
      done.completeExceptionally(e);
      firstFailure.completeExceptionally(e);
    }
  }

  private int epochs() {
    return trainer == null ? 0 : trainer.epochsCompleted();
  }

  /** A stand-in row that lets listeners count a failed run as finished; not in the history. */
  private EpochResult failedRow(int epoch) {
    return new EpochResult(
        scenario.name(),
        epoch,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        0,
        true);
  }

  /** Marks a run that will not go on (cancelled) as interrupted, so no one waits for it. */
  void abandon() {
    TrainingInterruptedException stopped =
        new TrainingInterruptedException(scenario.name(), result.rows(scenario.name()).size());
    done.completeExceptionally(stopped);
    firstFailure.completeExceptionally(stopped);
  }

  /** Releases the trainer once no epoch runs; safe to call more than once, from any thread. */
  synchronized void close() {
    if (manager != null) {
      manager.close();
      manager = null;
      trainer = null;
    }
  }
}
