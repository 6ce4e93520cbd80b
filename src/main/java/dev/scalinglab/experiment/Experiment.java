package dev.scalinglab.experiment;

import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.data.Split;
import dev.scalinglab.engine.EngineSetup;
import dev.scalinglab.train.History;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.ModelTrainer;
import dev.scalinglab.train.Scenario;
import dev.scalinglab.train.TrainingInterruptedException;
import dev.scalinglab.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The one runner: trains every run of a {@link RunPlan} on the same data and collects their {@link
 * History} (epoch rows and step-level loss). Seed studies and sweeps are plans run here too.
 *
 * <p>Runs train side by side, one per core (each training uses one engine thread, see {@link
 * EngineSetup}); each run is a plain loop over its epochs ({@link RunTask}) and the runs take turns
 * epoch by epoch, so A–E take about 2.5 scenario-times on two cores. {@link #cancel} interrupts the
 * runs. A run that diverges stops and is marked in the history; the others go on. A run that throws
 * stops the whole experiment at once, unless {@link Builder#optContinueOnFailure} records it and
 * goes on.
 */
public final class Experiment {

  /** How long a cancel waits for the workers to stop (each stops within one step). */
  private static final long STOP_TIMEOUT_SECONDS = 60;

  private final Split train;
  private final Split validation;
  private final RunPlan plan;
  private final int parallelism;
  private final boolean continueOnFailure;
  private final int stepInterval;
  private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
  private volatile History history;
  private ExecutorService running;

  private Experiment(Builder b, RunPlan plan, int parallelism) {
    this.train = b.train;
    this.validation = b.validation;
    this.plan = plan;
    this.parallelism = parallelism;
    this.continueOnFailure = b.continueOnFailure;
    this.stepInterval = b.stepInterval;
    this.history = emptyHistory();
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns an experiment of {@code plan} on {@code data} with the default settings. */
  public static Experiment of(FashionMnistData data, RunPlan plan) {
    return builder().setData(data).setPlan(plan).build();
  }

  /** Runs every planned training with no progress reports. */
  public History run() {
    return run(TrainingListener.NONE);
  }

  /**
   * Runs every planned training and returns their history, sending progress, step-level loss and
   * epoch rows to {@code listener} (calls are serialised, so the listener need not be thread-safe).
   *
   * @throws TrainingInterruptedException if the calling thread is interrupted or {@link #cancel} is
   *     called; its message gives the epochs each run completed, and the rows finished so far stay
   *     in {@link #history()}
   */
  public History run(TrainingListener listener) {
    History result = emptyHistory();
    history = result;
    failures.clear();
    TrainingListener serial = SerialListener.serialised(listener);
    RunTask.Shared shared =
        new RunTask.Shared(
            train,
            validation,
            new Semaphore(parallelism, true),
            stepInterval,
            SerialListener.recording(serial, result),
            serial,
            continueOnFailure ? failures : null);
    // One thread per run, each a plain loop; the permits bound how many train at once.
    ExecutorService pool = Executors.newFixedThreadPool(plan.size(), new TrainerThreads());
    ExecutorCompletionService<Void> runs = new ExecutorCompletionService<>(pool);
    synchronized (this) {
      // All submitted before cancel() can see the pool: it never refuses a run.
      for (RunPlan.Run planned : plan.runs()) {
        runs.submit(new RunTask(planned, shared, parallelism));
      }
      running = pool;
    }
    try {
      // In the order they finish: the first run that fails stops the others at once.
      for (int i = 0; i < plan.size(); i++) {
        runs.take().get();
      }
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(result);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TrainingInterruptedException) {
        throw interrupted(result);
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      synchronized (this) {
        running = null;
      }
      stop(pool);
    }
  }

  /**
   * Stops a running {@link #run} from another thread (e.g. a Ctrl-C hook) by interrupting its runs,
   * and waits for them to stop; {@code run} then throws {@link TrainingInterruptedException}.
   */
  public void cancel() {
    ExecutorService pool;
    synchronized (this) {
      pool = running;
    }
    if (pool != null) {
      stop(pool);
    }
  }

  /** Returns the history of the current or last run, growing while it runs. */
  public History history() {
    return history;
  }

  /** Returns what this experiment trains. */
  public RunPlan plan() {
    return plan;
  }

  /**
   * Returns the runs of the current or last {@link #run} that threw, by name (only with {@link
   * Builder#optContinueOnFailure}; otherwise the first failure is thrown).
   */
  public Map<String, RuntimeException> failures() {
    return Map.copyOf(failures);
  }

  /** Returns the epochs each run has completed in {@code h}, e.g. "A 2, B 1". */
  public String epochsCompleted(History h) {
    List<String> parts = new ArrayList<>();
    for (RunPlan.Run run : plan.runs()) {
      parts.add(run.name() + " " + h.rows(run.name()).size());
    }
    return String.join(", ", parts);
  }

  private History emptyHistory() {
    return new History(plan.names());
  }

  /** Says how many epochs each run completed before the interrupt. */
  private TrainingInterruptedException interrupted(History h) {
    int all = Integer.MAX_VALUE;
    for (RunPlan.Run run : plan.runs()) {
      all = Math.min(all, h.rows(run.name()).size());
    }
    return TrainingInterruptedException.withMessage(
        "Training interrupted; epochs completed: " + epochsCompleted(h), all);
  }

  /** Interrupts the runs and waits for them to close their native arrays, even if interrupted. */
  private static void stop(ExecutorService pool) {
    pool.shutdownNow();
    boolean interrupted = Thread.interrupted();
    try {
      pool.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Builds an {@link Experiment}: data and what to train are required, given either as a {@link
   * RunPlan} ({@link #setPlan}) or, as a shorthand for {@link RunPlan#of}, as scenarios and
   * hyper-parameters; mixing the two is an error, so nothing is silently overridden.
   */
  public static final class Builder {
    private Split train;
    private Split validation;
    private RunPlan plan;
    private List<Scenario> scenarios;
    private Hyperparameters hyperparameters;
    private int parallelism = -1;
    private boolean continueOnFailure;
    private int stepInterval = ModelTrainer.DEFAULT_STEP_INTERVAL;

    private Builder() {}

    /** Sets the data (required, or {@link #setSplits}): its training and validation splits. */
    public Builder setData(FashionMnistData data) {
      return setSplits(data.train(), data.validation());
    }

    /**
     * Sets the images to train on (each run uses the first {@code trainSize} of them) and to
     * validate on; for data other than Fashion-MNIST's, e.g. a small set in tests.
     */
    public Builder setSplits(Split train, Split validation) {
      this.train = train;
      this.validation = validation;
      return this;
    }

    /** Sets what to train (required, unless scenarios and hyper-parameters are given instead). */
    public Builder setPlan(RunPlan plan) {
      this.plan = plan;
      return this;
    }

    /** Trains these scenarios side by side (default A–E; not with {@link #setPlan}). */
    public Builder optScenarios(List<Scenario> scenarios) {
      this.scenarios = List.copyOf(scenarios);
      return this;
    }

    /** Trains these scenarios side by side (default A–E; not with {@link #setPlan}). */
    public Builder optScenarios(Scenario... scenarios) {
      return optScenarios(List.of(scenarios));
    }

    /**
     * Trains the scenarios with these hyper-parameters (default {@link Hyperparameters#QUESTION};
     * not with {@link #setPlan}).
     */
    public Builder optHyperparameters(Hyperparameters hyperparameters) {
      this.hyperparameters = hyperparameters;
      return this;
    }

    /** Records a run that throws in {@link #failures()} and goes on (default: stop and throw). */
    public Builder optContinueOnFailure(boolean continueOnFailure) {
      this.continueOnFailure = continueOnFailure;
      return this;
    }

    /** Sets how many runs train at once (default: one per core). */
    public Builder optParallelism(int parallelism) {
      this.parallelism = parallelism;
      return this;
    }

    /** Sets the steps between two step-level loss records (default 50). */
    public Builder optStepInterval(int steps) {
      if (steps < 1) {
        throw new IllegalArgumentException("step interval must be >= 1 step, got " + steps);
      }
      this.stepInterval = steps;
      return this;
    }

    /** Validates and builds; the builder stays usable. */
    public Experiment build() {
      if (train == null || validation == null) {
        throw new IllegalArgumentException("Experiment needs data: call setData(...)");
      }
      if (plan != null && (scenarios != null || hyperparameters != null)) {
        throw new IllegalArgumentException(
            "Give either setPlan(...) or optScenarios/optHyperparameters, not both");
      }
      RunPlan chosen =
          plan != null
              ? plan
              : RunPlan.of(
                  scenarios == null ? Scenarios.all() : scenarios,
                  hyperparameters == null ? Hyperparameters.QUESTION : hyperparameters);
      int workers =
          parallelism == -1 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : parallelism;
      if (workers < 1) {
        throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
      }
      EngineSetup.configure();
      return new Experiment(this, chosen, Math.min(workers, chosen.size()));
    }
  }
}
