package dev.scalinglab.experiment;

import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.TrainingInterruptedException;
import dev.scalinglab.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trains runs that differ in their hyper-parameters (seed, learning rate), one per core, each as
 * a one-scenario {@link Experiment}, into one {@link History}.
 *
 * <p>A run that throws (other than an interrupt) is recorded in {@link #failures()} and the others
 * go on; a run that diverges stops and is marked in the history, as in {@link Experiment}.
 */
final class ParallelRuns {

  /** One training: a scenario (whose name must be unique among the runs) and its settings. */
  record Run(Scenario scenario, Hyperparameters hyperparameters) {}

  private final FashionMnistData data;
  private final List<Run> runs;
  private final int parallelism;
  private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
  private final Map<String, Experiment> active = new ConcurrentHashMap<>();
  private volatile History history = new History();
  private volatile ExecutorService running;

  ParallelRuns(FashionMnistData data, List<Run> runs, int parallelism) {
    if (data == null) {
      throw new IllegalArgumentException("runs need data");
    }
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("at least one run is needed");
    }
    long distinct = runs.stream().map(r -> r.scenario().name()).distinct().count();
    if (distinct != runs.size()) {
      throw new IllegalArgumentException("run names must be unique");
    }
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    int p = parallelism == -1 ? cores : parallelism;
    if (p < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    this.data = data;
    this.runs = List.copyOf(runs);
    this.parallelism = Math.min(p, runs.size());
  }

  /**
   * Trains every run and returns their rows; {@code listener} calls are serialised.
   *
   * @throws TrainingInterruptedException if the calling thread is interrupted
   */
  History run(TrainingListener listener) {
    History result = new History(runs.stream().map(r -> r.scenario().name()).toList());
    history = result;
    failures.clear();
    TrainingListener serial = synchronize(listener);
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, new Threads());
    running = pool;
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (Run run : runs) {
        futures.add(pool.submit(() -> train(run, result, serial)));
      }
      for (Future<?> future : futures) {
        future.get();
      }
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainingInterruptedException("the runs", 0);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      stop(pool);
    }
  }

  /** Interrupts a running {@link #run} from another thread and waits for the workers. */
  void cancel() {
    ExecutorService pool = running;
    if (pool != null) {
      active.values().forEach(Experiment::cancel);
      stop(pool);
    }
  }

  /** Returns the rows of the current or last run, growing while it runs. */
  History history() {
    return history;
  }

  /** Returns the runs that failed with an exception, by name. */
  Map<String, RuntimeException> failures() {
    return Map.copyOf(failures);
  }

  private void train(Run run, History result, TrainingListener listener) {
    String name = run.scenario().name();
    Experiment experiment =
        Experiment.builder()
            .setData(data)
            .optScenarios(run.scenario())
            .optHyperparameters(run.hyperparameters())
            .optParallelism(1)
            .build();
    active.put(name, experiment);
    try {
      result.addAll(experiment.run(listener));
    } catch (TrainingInterruptedException e) {
      throw e;
    } catch (RuntimeException e) {
      // Keep what the run finished, note why it stopped, and let the others go on.
      result.addAll(experiment.history());
      failures.put(name, e);
      listener.onEpoch(failedRow(name, experiment.history()));
    } finally {
      active.remove(name);
    }
  }

  /** A stand-in row that lets listeners count a failed run as finished. */
  private static EpochResult failedRow(String name, History partial) {
    int epoch = partial.rows(name).size() + 1;
    return new EpochResult(
        name, epoch, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, true);
  }

  private static void stop(ExecutorService pool) {
    pool.shutdownNow();
    try {
      pool.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static TrainingListener synchronize(TrainingListener listener) {
    return new TrainingListener() {
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

  private static final class Threads implements java.util.concurrent.ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "scaling-lab-run-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
