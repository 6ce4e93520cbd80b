package dev.scalinglab.experiment;

import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.Scenario;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an {@link Experiment} trains: a list of runs, each a scenario (its name unique in the plan)
 * with its hyper-parameters, and what the run is one instance of. Static factories give scenarios
 * side by side ({@link #of}) and scenarios × seeds ({@link #seeds}); {@link Sweep#plan} gives a
 * grid of input scale × learning rate.
 *
 * @param runs the trainings, in the order they start
 */
public record RunPlan(List<Run> runs) {

  /**
   * One training.
   *
   * @param scenario what to train; its name names the run's history rows
   * @param hyperparameters how to train it
   * @param group what the run is one instance of: the scenario for {@link #seeds} ("A" for
   *     "A[seed=43]"), the model for a {@link Sweep#plan}, else the run's own name
   * @param cell the grid cell of a {@link Sweep#plan} run, else null
   */
  public record Run(Scenario scenario, Hyperparameters hyperparameters, String group, Cell cell) {

    /** Returns the run's name (its scenario's). */
    public String name() {
      return scenario.name();
    }

    /** Returns the seed of the run's initial weights and batch order. */
    public long seed() {
      return hyperparameters.seed();
    }
  }

  /**
   * A cell of a grid ({@link Sweep#plan}).
   *
   * @param compensated whether the first kernel's learning rate has the exact factor
   * @param scale input scale s
   * @param lr base learning rate
   * @param kernelLr the first kernel's learning rate
   */
  public record Cell(boolean compensated, double scale, double lr, double kernelLr) {}

  /** Validates: at least one run, names unique. */
  public RunPlan {
    runs = List.copyOf(runs);
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("A run plan needs at least one scenario");
    }
    Set<String> names = new HashSet<>();
    for (Run run : runs) {
      if (!names.add(run.name())) {
        throw new IllegalArgumentException(
            "Scenario " + run.name() + " is planned twice: list each scenario once");
      }
    }
  }

  /** Returns one run per scenario, all with {@code hp}. */
  public static RunPlan of(List<Scenario> scenarios, Hyperparameters hp) {
    return new RunPlan(scenarios.stream().map(s -> new Run(s, hp, s.name(), null)).toList());
  }

  /** Returns one run per scenario, all with {@code hp}. */
  public static RunPlan of(Hyperparameters hp, Scenario... scenarios) {
    return of(List.of(scenarios), hp);
  }

  /**
   * Returns every scenario with seeds {@code hp.seed()}, {@code hp.seed() + 1}, ... ({@code seeds}
   * of them), seed by seed; runs are named as {@link #seedRunName}.
   */
  public static RunPlan seeds(List<Scenario> scenarios, Hyperparameters hp, int seeds) {
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
    }
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < seeds; i++) {
      long seed = hp.seed() + i;
      for (Scenario s : scenarios) {
        runs.add(
            new Run(s.withName(seedRunName(s.name(), seed)), hp.withSeed(seed), s.name(), null));
      }
    }
    return new RunPlan(runs);
  }

  /** Returns the name of one run of {@link #seeds}, e.g. {@code A[seed=43]}. */
  public static String seedRunName(String scenario, long seed) {
    return scenario + "[seed=" + seed + "]";
  }

  /** Returns the run names, in plan order. */
  public List<String> names() {
    return runs.stream().map(Run::name).toList();
  }

  /** Returns the run named {@code name}, or null. */
  public Run run(String name) {
    return runs.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
  }

  /** Returns the number of runs. */
  public int size() {
    return runs.size();
  }
}
