package dev.scalinglab.experiment;

import static tech.tablesaw.aggregate.AggregateFunctions.count;
import static tech.tablesaw.aggregate.AggregateFunctions.max;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;
import static tech.tablesaw.aggregate.AggregateFunctions.min;
import static tech.tablesaw.aggregate.AggregateFunctions.stdDev;

import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.train.History;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.Scenario;
import dev.scalinglab.train.TrainingListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Runs scenarios over several seeds (seed, seed + 1, ...), all in parallel, so a reader sees which
 * differences between scenarios are larger than the spread between seeds.
 *
 * <p>Each run is named {@code A[seed=43]} in the raw {@link History}; {@link #aggregate} reduces
 * the runs to mean, standard deviation, minimum and maximum per scenario and epoch.
 */
public final class SeedStudy {

  /** Columns summarized by {@link #aggregate}. */
  public static final List<String> METRICS = List.of("val_accuracy", "loss");

  private static final Pattern RUN_NAME = Pattern.compile("(.+)\\[seed=(-?\\d+)]");
  private static final Pattern SUMMARY_COLUMN = Pattern.compile("(.+) \\[(.+)]");

  private final List<Scenario> scenarios;
  private final Hyperparameters hyperparameters;
  private final int seeds;
  private final Experiment runs;

  private SeedStudy(Builder b) {
    this.scenarios = List.copyOf(b.scenarios);
    this.hyperparameters = b.hyperparameters;
    this.seeds = b.seeds;
    Experiment.Builder list = Experiment.builder().setData(b.data).optContinueOnFailure(true);
    for (int i = 0; i < seeds; i++) {
      long seed = hyperparameters.seed() + i;
      for (Scenario s : scenarios) {
        list.addRun(s.withName(runName(s.name(), seed)), hyperparameters.withSeed(seed));
      }
    }
    if (b.parallelism != -1) {
      list.optParallelism(b.parallelism);
    }
    this.runs = list.build();
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the name of one run in the raw history, e.g. {@code A[seed=43]}. */
  public static String runName(String scenario, long seed) {
    return scenario + "[seed=" + seed + "]";
  }

  /** Runs every scenario with every seed and returns the raw history. */
  public History run() {
    return run(TrainingListener.NONE);
  }

  /** Runs every scenario with every seed, reporting to {@code listener} (calls serialised). */
  public History run(TrainingListener listener) {
    History h = runs.run(listener);
    if (!runs.failures().isEmpty()) {
      var first = runs.failures().entrySet().iterator().next();
      throw new IllegalStateException("run " + first.getKey() + " failed", first.getValue());
    }
    return h;
  }

  /** Interrupts a running {@link #run} from another thread and waits. */
  public void cancel() {
    runs.cancel();
  }

  /** Returns the raw history of the current or last run, growing while it runs. */
  public History history() {
    return runs.history();
  }

  /** Returns the number of seeds. */
  public int seeds() {
    return seeds;
  }

  /** Returns the scenarios. */
  public List<Scenario> scenarios() {
    return scenarios;
  }

  /**
   * Returns the history table with two more columns: {@code base} (the scenario without its seed)
   * and {@code seed}; rows whose scenario is not named like {@link #runName} keep their name as
   * base and have a missing seed.
   */
  public static Table runs(History history) {
    Table t = history.table();
    StringColumn group = StringColumn.create("base");
    LongColumn seed = LongColumn.create("seed");
    for (String name : t.stringColumn("scenario")) {
      Matcher m = RUN_NAME.matcher(name);
      if (m.matches()) {
        group.append(m.group(1));
        seed.append(Long.parseLong(m.group(2)));
      } else {
        group.append(name);
        seed.appendMissing();
      }
    }
    return t.addColumns(group, seed).setName("runs");
  }

  /**
   * Returns one row per scenario and epoch: {@code runs} (how many seeds reached the epoch) and the
   * mean, sample standard deviation, minimum and maximum of {@link #METRICS} over the seeds, named
   * e.g. {@code val_accuracy_mean}; computed with Tablesaw's {@code summarize(...).by(...)}.
   * Tablesaw treats NaN as missing, so a diverged run's NaN loss is left out of the loss columns.
   */
  public static Table aggregate(History history) {
    Table runs = runs(history);
    Table summary =
        runs.summarize("seconds", count)
            .by("base", "epoch")
            .joinOn("base", "epoch")
            .inner(runs.summarize(METRICS, mean, stdDev, min, max).by("base", "epoch"));
    Map<String, String> functions = new LinkedHashMap<>();
    functions.put("count", "runs");
    functions.put("mean", "mean");
    functions.put("std. deviation", "std");
    functions.put("min", "min");
    functions.put("max", "max");
    for (Column<?> c : summary.columns()) {
      Matcher m = SUMMARY_COLUMN.matcher(c.name());
      if (m.matches()) {
        String fn = functions.get(m.group(1).toLowerCase(Locale.ROOT));
        if (fn == null) {
          throw new IllegalStateException("unexpected summary column " + c.name());
        }
        c.setName(fn.equals("runs") ? "runs" : m.group(2) + "_" + fn);
      }
    }
    summary.column("base").setName("scenario");
    List<String> columns = new ArrayList<>(List.of("scenario", "epoch", "runs"));
    for (String metric : METRICS) {
      for (String fn : List.of("mean", "std", "min", "max")) {
        columns.add(metric + "_" + fn);
      }
    }
    summary = summary.selectColumns(columns.toArray(String[]::new));
    summary.replaceColumn("runs", summary.doubleColumn("runs").asIntColumn().setName("runs"));
    List<String> order = new ArrayList<>();
    for (String name : history.scenarios()) {
      Matcher m = RUN_NAME.matcher(name);
      String g = m.matches() ? m.group(1) : name;
      if (!order.contains(g)) {
        order.add(g);
      }
    }
    Table sorted = summary.emptyCopy();
    for (String g : order) {
      sorted.append(summary.where(summary.stringColumn("scenario").isEqualTo(g)).sortOn("epoch"));
    }
    return sorted.setName("seeds");
  }

  /** Builds a {@link SeedStudy}; only the data is required. */
  public static final class Builder {
    private FashionMnistData data;
    private List<Scenario> scenarios = Scenarios.all();
    private Hyperparameters hyperparameters = Hyperparameters.QUESTION;
    private int seeds = 3;
    private int parallelism = -1;

    private Builder() {}

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

    /** Sets the hyper-parameters; their seed is the first seed (default the question's). */
    public Builder optHyperparameters(Hyperparameters hyperparameters) {
      this.hyperparameters = hyperparameters;
      return this;
    }

    /** Sets how many seeds each scenario runs with (default 3). */
    public Builder optSeeds(int seeds) {
      this.seeds = seeds;
      return this;
    }

    /** Sets how many runs train at once (default: one per core). */
    public Builder optParallelism(int parallelism) {
      this.parallelism = parallelism;
      return this;
    }

    /** Validates and builds. */
    public SeedStudy build() {
      if (data == null) {
        throw new IllegalArgumentException("SeedStudy needs data: call setData(...)");
      }
      if (seeds < 1) {
        throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
      }
      if (scenarios.isEmpty()) {
        throw new IllegalArgumentException("SeedStudy needs at least one scenario");
      }
      if (scenarios.stream().map(Scenario::name).distinct().count() != scenarios.size()) {
        throw new IllegalArgumentException("Scenario names must be unique: " + scenarios);
      }
      if (hyperparameters == null) {
        throw new IllegalArgumentException("hyper-parameters must be set");
      }
      return new SeedStudy(this);
    }
  }
}
