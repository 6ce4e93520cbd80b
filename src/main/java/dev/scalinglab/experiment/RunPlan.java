package dev.scalinglab.experiment;

import dev.scalinglab.data.InputScale;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.LrMultipliers;
import dev.scalinglab.train.Scenario;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an {@link Experiment} trains: a list of runs, each a scenario (its name unique in the plan)
 * with its hyper-parameters. Static factories give the three shapes the project uses: scenarios
 * side by side ({@link #of}), scenarios × seeds ({@link #seeds}), and a grid of input scale ×
 * learning rate for the uncompensated and compensated models ({@link #grid}).
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
   *     "A[seed=43]"), the model for {@link #grid}, else the run's own name
   * @param cell the grid cell for {@link #grid} runs, else null
   */
  public record Run(Scenario scenario, Hyperparameters hyperparameters, String group, Cell cell) {

    /** Returns the run's name (its scenario's). */
    public String name() {
      return scenario.name();
    }
  }

  /**
   * A cell of a {@link #grid}.
   *
   * @param model uncompensated or compensated
   * @param scale input scale s
   * @param lr base learning rate
   * @param kernelLr the first kernel's learning rate
   */
  public record Cell(Sweep.Model model, double scale, double lr, double kernelLr) {}

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

  /**
   * Returns the grid input scale × learning rate for both models: uncompensated (features raw / 255
   * · s, first kernel Glorot / s, the cell's learning rate everywhere) and compensated (the same,
   * with the first kernel's rate times the optimizer's exact factor, 1/s² for SGD); {@code hp}
   * gives everything but the learning rate.
   *
   * @throws IllegalArgumentException for an empty, repeated or invalid scale or learning rate, or a
   *     cell whose first-kernel learning rate float32 cannot hold
   */
  public static RunPlan grid(List<Double> scales, List<Double> lrs, Hyperparameters hp) {
    if (scales.isEmpty()) {
      throw new IllegalArgumentException("A sweep needs at least one input scale");
    }
    if (lrs.isEmpty()) {
      throw new IllegalArgumentException("A sweep needs at least one learning rate");
    }
    if (scales.stream().distinct().count() != scales.size()) {
      throw new IllegalArgumentException("input scales must be distinct: " + scales);
    }
    if (lrs.stream().distinct().count() != lrs.size()) {
      throw new IllegalArgumentException("learning rates must be distinct: " + lrs);
    }
    scales.forEach(InputScale::check);
    List<Run> runs = new ArrayList<>();
    for (Sweep.Model model : Sweep.Model.values()) {
      for (double s : scales) {
        for (double lr : lrs) {
          Hyperparameters cellHp = hp.withLearningRate(lr);
          double factor =
              model == Sweep.Model.COMPENSATED ? hp.optimizer().exactKernelFactor(s) : 1;
          String name = Sweep.name(model, s, lr);
          LrMultipliers multipliers = LrMultipliers.firstKernel(factor);
          multipliers.checkRepresentable(lr, "s = " + Sweep.number(s) + ", " + model);
          runs.add(
              new Run(
                  new Scenario(name, name, (float) s, multipliers),
                  cellHp,
                  model.toString(),
                  new Cell(model, s, lr, lr * factor)));
        }
      }
    }
    return new RunPlan(runs);
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
