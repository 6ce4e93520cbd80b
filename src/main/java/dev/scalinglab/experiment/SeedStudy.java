package dev.scalinglab.experiment;

import static tech.tablesaw.aggregate.AggregateFunctions.count;
import static tech.tablesaw.aggregate.AggregateFunctions.countTrue;
import static tech.tablesaw.aggregate.AggregateFunctions.max;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;
import static tech.tablesaw.aggregate.AggregateFunctions.min;
import static tech.tablesaw.aggregate.AggregateFunctions.stdDev;

import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.report.Bands;
import dev.scalinglab.report.Tables;
import dev.scalinglab.train.History;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.LrMultipliers;
import dev.scalinglab.train.Scenario;
import dev.scalinglab.train.TrainingListener;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Scenarios over several seeds (seed, seed + 1, ...; a {@link RunPlan#seeds} plan), so a reader
 * sees which differences between scenarios are larger than the spread between seeds.
 *
 * <p>Each run is named {@code A[seed=43]} in the raw {@link History}; {@link #aggregate} reduces
 * the runs to mean, standard deviation, minimum and maximum per scenario and epoch.
 */
public final class SeedStudy {

  /** Columns summarized by {@link #aggregate}. */
  public static final List<String> METRICS = List.of("val_accuracy", "loss", "dead_relu");

  private static final Pattern RUN_NAME = Pattern.compile("(.+)\\[seed=(-?\\d+)]");
  private static final Pattern SUMMARY_COLUMN = Pattern.compile("(.+) \\[(.+)]");

  private SeedStudy() {}

  /**
   * What a seed study returns: every run's history and their aggregate.
   *
   * @param history the raw history, runs named as {@link RunPlan#seedRunName}
   * @param aggregate {@link #aggregate} of it
   */
  public record Result(History history, Table aggregate) {

    /** Returns the validation-accuracy bands: mean and min–max per scenario and epoch. */
    public BufferedImage bands() {
      return Bands.image(aggregate, "val_accuracy", "validation accuracy");
    }
  }

  /**
   * Trains {@code scenarios} with {@code seeds} seeds from {@code hp.seed()} on, all in parallel,
   * and returns the result; a run that throws stops the study at once.
   */
  public static Result run(
      FashionMnistData data, List<Scenario> scenarios, Hyperparameters hp, int seeds) {
    return run(Experiment.of(data, RunPlan.seeds(scenarios, hp, seeds)), TrainingListener.NONE);
  }

  /**
   * Runs {@code experiment} (a plan of {@link RunPlan#seeds}), reporting to {@code listener}, and
   * returns the result; the caller keeps the experiment to cancel it.
   */
  public static Result run(Experiment experiment, TrainingListener listener) {
    History h = experiment.run(listener);
    return new Result(h, aggregate(experiment.plan(), h));
  }

  /** Returns the name of one run in the raw history, e.g. {@code A[seed=43]}. */
  public static String runName(String scenario, long seed) {
    return RunPlan.seedRunName(scenario, seed);
  }

  /**
   * Returns the history table (whose {@code diverged} marks the epoch a run diverged at, its last)
   * with two more columns from {@code plan}'s runs: {@code base} (the scenario the run is an
   * instance of, {@link RunPlan.Run#group}) and {@code seed}.
   */
  public static Table runs(RunPlan plan, History history) {
    Table t = history.table();
    StringColumn group = StringColumn.create("base");
    LongColumn seed = LongColumn.create("seed");
    for (String name : t.stringColumn("scenario")) {
      RunPlan.Run run = plan.run(name);
      if (run == null) {
        throw new IllegalArgumentException("run " + name + " is not in the plan");
      }
      group.append(run.group());
      seed.append(run.seed());
    }
    return t.addColumns(group, seed).setName("runs");
  }

  /**
   * As {@link #runs(RunPlan, History)} for a history without its plan (e.g. read back from a file):
   * runs named as {@link #runName} give base and seed; other rows keep their name as base and have
   * a missing seed.
   */
  public static Table runs(History history) {
    Table t = runs(planOf(history), history);
    LongColumn seed = t.longColumn("seed");
    for (int row = 0; row < t.rowCount(); row++) {
      if (!RUN_NAME.matcher(t.stringColumn("scenario").get(row)).matches()) {
        seed.setMissing(row);
      }
    }
    return t;
  }

  /** As {@link #aggregate(RunPlan, History)} for a history without its plan; see {@link #runs}. */
  public static Table aggregate(History history) {
    return aggregate(planOf(history), history);
  }

  /**
   * Returns a plan that names each run of {@code history} as {@link #runName} does (its seed from
   * the name), or as its own group with the default seed: the facts a plan would have given.
   */
  private static RunPlan planOf(History history) {
    List<RunPlan.Run> runs = new ArrayList<>();
    for (String name : history.scenarios()) {
      Matcher m = RUN_NAME.matcher(name);
      Hyperparameters hp =
          m.matches()
              ? Hyperparameters.QUESTION.withSeed(Long.parseLong(m.group(2)))
              : Hyperparameters.QUESTION;
      Scenario s = new Scenario(name, name, 1f, LrMultipliers.NONE);
      runs.add(new RunPlan.Run(s, hp, m.matches() ? m.group(1) : name, null));
    }
    return new RunPlan(runs);
  }

  /**
   * Returns one row per scenario and epoch: {@code runs} (how many seeds reached the epoch) and the
   * mean, sample standard deviation, minimum and maximum of {@link #METRICS} over the seeds, named
   * e.g. {@code val_accuracy_mean}; computed with Tablesaw's {@code summarize(...).by(...)}.
   * Tablesaw treats NaN as missing, so a diverged run's NaN or infinite loss is left out of the
   * loss columns.
   */
  public static Table aggregate(RunPlan plan, History history) {
    Table runs = runs(plan, history);
    // An infinite loss is as unusable as NaN for a mean: leave both out of every statistic, so
    // mean, std, min and max agree ("none finite" when printed) and `diverged` counts the runs.
    for (String metric : METRICS) {
      DoubleColumn values = runs.doubleColumn(metric);
      values.set(values.isNotMissing().andNot(values.eval(Double::isFinite)), Double.NaN);
    }
    Table summary =
        runs.summarize("seconds", count)
            .by("base", "epoch")
            .joinOn("base", "epoch")
            .inner(runs.summarize("diverged", countTrue).by("base", "epoch"))
            .joinOn("base", "epoch")
            .inner(runs.summarize(METRICS, mean, stdDev, min, max).by("base", "epoch"));
    Map<String, String> functions = new LinkedHashMap<>();
    functions.put("count", "runs");
    functions.put("number true", "diverged");
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
        c.setName(fn.equals("runs") || fn.equals("diverged") ? fn : m.group(2) + "_" + fn);
      }
    }
    summary.column("base").setName("scenario");
    // diverged: how many of the runs diverged by that epoch (their accuracy sits at chance).
    List<String> columns = new ArrayList<>(List.of("scenario", "epoch", "runs", "diverged"));
    for (String metric : METRICS) {
      for (String fn : List.of("mean", "std", "min", "max")) {
        columns.add(metric + "_" + fn);
      }
    }
    summary = summary.selectColumns(columns.toArray(String[]::new));
    summary.replaceColumn("runs", summary.doubleColumn("runs").asIntColumn().setName("runs"));
    if (summary.column("diverged") instanceof DoubleColumn d) {
      summary.replaceColumn("diverged", d.asIntColumn().setName("diverged"));
    }
    List<String> order = new ArrayList<>();
    for (String name : history.scenarios()) {
      String g = plan.run(name).group();
      if (!order.contains(g)) {
        order.add(g);
      }
    }
    Table sorted = summary.emptyCopy();
    for (String g : order) {
      sorted.append(summary.where(summary.stringColumn("scenario").isEqualTo(g)).sortOn("epoch"));
    }
    for (String metric : METRICS) {
      for (String fn : List.of("mean", "std", "min", "max")) {
        Tables.statistic(sorted.doubleColumn(metric + "_" + fn));
      }
    }
    return sorted.setName("seeds");
  }
}
