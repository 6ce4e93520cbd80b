package dev.scalinglab.experiment;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.engine.EngineSetup;
import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.ModelTrainer;
import dev.scalinglab.train.Scenario;
import dev.scalinglab.train.StepResult;
import dev.scalinglab.train.TrainingInterruptedException;
import dev.scalinglab.train.TrainingListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trains several scenarios on the same data, with the same hyper-parameters or each with its own
 * (seed studies, sweeps), and collects their {@link History}.
 *
 * <p>Scenarios run side by side, one worker per core (each training uses one engine thread, see
 * {@link EngineSetup}); workers take the scenarios' epochs round-robin, so A–E take about 2.5
 * scenario-times on two cores. A scenario that diverges stops and is marked in the history; the
 * others go on.
 */
public final class Experiment {

  /** One training: a scenario (its name unique in the experiment) and its hyper-parameters. */
  public record Run(Scenario scenario, Hyperparameters hyperparameters) {}

  private final FashionMnistData data;
  private final List<Run> plan;
  private final int parallelism;
  private final boolean continueOnFailure;
  private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
  private volatile History history = new History();
  private volatile ExecutorService running;
  private volatile List<ScenarioRun> runs = List.of();

  private Experiment(Builder builder, List<Run> plan, int parallelism) {
    this.data = builder.data;
    this.plan = List.copyOf(plan);
    this.parallelism = parallelism;
    this.continueOnFailure = builder.continueOnFailure;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs every scenario with no progress reports. */
  public History run() {
    return run(TrainingListener.NONE);
  }

  /**
   * Runs every scenario and returns their history, sending progress to {@code listener} (calls are
   * serialised, so the listener need not be thread-safe).
   *
   * @throws TrainingInterruptedException if the calling thread is interrupted; the rows finished so
   *     far stay in {@link #history()}
   */
  public History run(TrainingListener listener) {
    History result = new History(plan.stream().map(r -> r.scenario().name()).toList());
    history = result;
    failures.clear();
    TrainingListener serial = recordSteps(synchronize(listener), result);
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, new TrainerThreads());
    running = pool;
    List<ScenarioRun> runs = new CopyOnWriteArrayList<>();
    this.runs = runs;
    try {
      for (Run planned : plan) {
        ScenarioRun run = new ScenarioRun(planned, result, serial, pool);
        runs.add(run);
        pool.execute(run);
      }
      for (ScenarioRun run : runs) {
        run.done.get();
      }
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(result);
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
      runs.forEach(ScenarioRun::close);
    }
  }

  /** Interrupts a running {@link #run} from another thread (e.g. a Ctrl-C hook) and waits. */
  public void cancel() {
    ExecutorService pool = running;
    if (pool != null) {
      stop(pool);
      runs.forEach(ScenarioRun::abandon);
    }
  }

  /** Returns the history of the current or last run, growing while it runs. */
  public History history() {
    return history;
  }

  /** Returns the scenarios, in run order. */
  public List<Scenario> scenarios() {
    return plan.stream().map(Run::scenario).toList();
  }

  /** Returns every planned training: scenario and hyper-parameters. */
  public List<Run> runs() {
    return plan;
  }

  /**
   * Returns the runs of the current or last {@link #run} that threw, by scenario name (only with
   * {@link Builder#optContinueOnFailure}; otherwise the first failure is thrown).
   */
  public Map<String, RuntimeException> failures() {
    return Map.copyOf(failures);
  }

  /**
   * One scenario's training, run one epoch per task: each finished epoch queues the next behind the
   * other scenarios' epochs, so the workers take scenarios round-robin and stay busy to the end
   * (five scenarios on two workers take 2.5 scenario-times, not 3). A trainer uses one engine
   * thread and whichever worker runs its epoch; its numbers do not depend on which.
   */
  private final class ScenarioRun implements Runnable {
    private final Scenario scenario;
    private final Hyperparameters hp;
    private final History result;
    private final TrainingListener listener;
    private final ExecutorService pool;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private NDManager manager;
    private ModelTrainer trainer;

    ScenarioRun(Run run, History result, TrainingListener listener, ExecutorService pool) {
      this.scenario = run.scenario();
      this.hp = run.hyperparameters();
      this.result = result;
      this.listener = listener;
      this.pool = pool;
    }

    @Override
    public synchronized void run() {
      if (done.isDone()) {
        return;
      }
      try {
        if (trainer == null) {
          manager = Engine.getInstance().newBaseManager();
          trainer = ModelTrainer.create(data, scenario, hp, manager);
        }
        EpochResult row = trainer.trainEpoch(listener);
        result.add(row);
        if (row.diverged() || row.epoch() >= hp.epochs()) {
          close();
          done.complete(null);
        } else {
          pool.execute(this);
        }
      } catch (RuntimeException e) {
        int epochs = trainer == null ? 0 : trainer.epochsCompleted();
        close();
        if (continueOnFailure && !(e instanceof TrainingInterruptedException)) {
          // Keep what the run finished, note why it stopped, and let the others go on.
          failures.put(scenario.name(), e);
          listener.onEpoch(failedRow(epochs + 1));
          done.complete(null);
        } else {
          done.completeExceptionally(e);
        }
      } catch (Error e) {
        close();
        done.completeExceptionally(e);
      }
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

    /** Marks a run that will not go on (cancelled) as failed, so no one waits for it. */
    void abandon() {
      int epochs = trainer == null ? 0 : trainer.epochsCompleted();
      done.completeExceptionally(new TrainingInterruptedException(scenario.name(), epochs));
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

  /** Says how many epochs each scenario completed before the interrupt. */
  private TrainingInterruptedException interrupted(History h) {
    StringBuilder message = new StringBuilder("Training interrupted; epochs completed:");
    int all = Integer.MAX_VALUE;
    for (Run run : plan) {
      int done = h.rows(run.scenario().name()).size();
      message.append(' ').append(run.scenario().name()).append(' ').append(done).append(',');
      all = Math.min(all, done);
    }
    message.setLength(message.length() - 1);
    return TrainingInterruptedException.withMessage(message.toString(), all);
  }

  private static void stop(ExecutorService pool) {
    pool.shutdownNow();
    try {
      // Workers stop at their next step; waiting lets them close their native arrays.
      pool.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Adds each step-level loss row to {@code history}, then passes everything on. */
  private static TrainingListener recordSteps(TrainingListener listener, History history) {
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
        listener.onEpoch(result);
      }
    };
  }

  private static TrainingListener synchronize(TrainingListener listener) {
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

  /** Names trainer threads and keeps them from holding the JVM open. */
  private static final class TrainerThreads implements java.util.concurrent.ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "scaling-lab-trainer-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }

  /** Builds an {@link Experiment}; only the data is required. */
  public static final class Builder {
    private FashionMnistData data;
    private List<Scenario> scenarios = Scenarios.all();
    private Hyperparameters hyperparameters = Hyperparameters.QUESTION;
    private int parallelism = -1;
    private final List<Run> runs = new java.util.ArrayList<>();
    private boolean continueOnFailure;

    private Builder() {}

    /**
     * Adds a training with its own hyper-parameters (e.g. another seed or learning rate). Once runs
     * are added, they replace the scenarios × hyper-parameters default.
     */
    public Builder addRun(Scenario scenario, Hyperparameters hyperparameters) {
      runs.add(new Run(scenario, hyperparameters));
      return this;
    }

    /** Records a run that throws in {@link #failures()} and goes on (default: throw). */
    public Builder optContinueOnFailure(boolean continueOnFailure) {
      this.continueOnFailure = continueOnFailure;
      return this;
    }

    /** Sets the data (required). */
    public Builder setData(FashionMnistData data) {
      this.data = data;
      return this;
    }

    /** Sets the scenarios (default A–E). */
    public Builder optScenarios(List<Scenario> scenarios) {
      this.scenarios = List.copyOf(scenarios);
      return this;
    }

    /** Sets the scenarios (default A–E). */
    public Builder optScenarios(Scenario... scenarios) {
      return optScenarios(List.of(scenarios));
    }

    /** Sets the hyper-parameters (default {@link Hyperparameters#QUESTION}). */
    public Builder optHyperparameters(Hyperparameters hyperparameters) {
      this.hyperparameters = hyperparameters;
      return this;
    }

    /** Sets how many scenarios train at once (default: one per core). */
    public Builder optParallelism(int parallelism) {
      this.parallelism = parallelism;
      return this;
    }

    /** Validates and builds. */
    public Experiment build() {
      if (data == null) {
        throw new IllegalArgumentException("Experiment needs data: call setData(...)");
      }
      // Building leaves the builder as it was, so it can build again.
      List<Run> plan =
          runs.isEmpty()
              ? scenarios.stream().map(s -> new Run(s, hyperparameters)).toList()
              : List.copyOf(runs);
      if (plan.isEmpty()) {
        throw new IllegalArgumentException("Experiment needs at least one scenario");
      }
      long distinct = plan.stream().map(r -> r.scenario().name()).distinct().count();
      if (distinct != plan.size()) {
        throw new IllegalArgumentException("Scenario names must be unique: " + plan);
      }
      int workers =
          parallelism == -1 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : parallelism;
      if (workers < 1) {
        throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
      }
      EngineSetup.configure();
      return new Experiment(this, plan, Math.min(workers, plan.size()));
    }
  }
}
