package dev.scalinglab.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The per-epoch rows of one or more trainings, and their step-level training loss, safe to append
 * to from several threads: the Keras {@code History} idea, as Tablesaw {@link Table}s on demand
 * ({@link #table()} per epoch, {@link #steps()} every few steps).
 */
public final class History {

  /** Column names of {@link #table()}, in order (also the header of {@code history.csv}). */
  public static final List<String> COLUMNS =
      List.of(
          "scenario",
          "epoch",
          "loss",
          "accuracy",
          "val_loss",
          "val_accuracy",
          "dead_relu",
          "diverged",
          "seconds");

  /** Column names of {@link #steps()}, in order. */
  public static final List<String> STEP_COLUMNS =
      List.of("scenario", "epoch", "step", "steps", "loss");

  private final List<EpochResult> rows = Collections.synchronizedList(new ArrayList<>());
  private final List<StepResult> stepRows = Collections.synchronizedList(new ArrayList<>());
  private final List<String> order;

  /** Creates an empty history whose scenarios list by name. */
  public History() {
    this(List.of());
  }

  /** Creates an empty history whose tables list {@code scenarioOrder} first, in that order. */
  public History(List<String> scenarioOrder) {
    this.order = List.copyOf(scenarioOrder);
  }

  /** Appends a row. */
  public void add(EpochResult row) {
    rows.add(row);
  }

  /** Appends a step-level loss row. */
  public void add(StepResult row) {
    stepRows.add(row);
  }

  /** Returns the step-level loss rows of {@code scenario} in step order. */
  public List<StepResult> stepRows(String scenario) {
    synchronized (stepRows) {
      return stepRows.stream()
          .filter(r -> r.scenario().equals(scenario))
          .sorted((a, b) -> Long.compare(a.step(), b.step()))
          .toList();
    }
  }

  /**
   * Returns the training loss every few steps (see {@link ModelTrainer#setStepInterval}), by
   * scenario and step, with the columns of {@link #STEP_COLUMNS}: {@code step} counts from the
   * start of training, {@code loss} is the mean over the {@code steps} steps before it.
   */
  public Table steps() {
    StringColumn scenario = StringColumn.create("scenario");
    IntColumn epoch = IntColumn.create("epoch");
    LongColumn step = LongColumn.create("step");
    IntColumn steps = IntColumn.create("steps");
    DoubleColumn loss = DoubleColumn.create("loss");
    Set<String> present = new TreeSet<>();
    synchronized (stepRows) {
      stepRows.forEach(r -> present.add(r.scenario()));
    }
    for (String name : ordered(present)) {
      for (StepResult r : stepRows(name)) {
        scenario.append(r.scenario());
        epoch.append(r.epoch());
        step.append(r.step());
        steps.append(r.steps());
        loss.append(r.loss());
      }
    }
    return Table.create("steps", scenario, epoch, step, steps, loss);
  }

  /** Returns a copy of the rows in the order they were added. */
  public List<EpochResult> rows() {
    synchronized (rows) {
      return List.copyOf(rows);
    }
  }

  /** Returns the rows of one scenario in epoch order. */
  public List<EpochResult> rows(String scenario) {
    return rows().stream()
        .filter(r -> r.scenario().equals(scenario))
        .sorted((a, b) -> Integer.compare(a.epoch(), b.epoch()))
        .toList();
  }

  /** Returns the scenario names with rows: the declared order first, then the others by name. */
  public List<String> scenarios() {
    Set<String> present = new TreeSet<>();
    rows().forEach(r -> present.add(r.scenario()));
    return ordered(present);
  }

  /** Returns {@code present} (sorted): the declared order first, then the others by name. */
  private List<String> ordered(Set<String> present) {
    Set<String> names = new LinkedHashSet<>();
    order.stream().filter(present::contains).forEach(names::add);
    names.addAll(present);
    return List.copyOf(names);
  }

  /** Returns whether any epoch of {@code scenario} diverged. */
  public boolean diverged(String scenario) {
    return rows(scenario).stream().anyMatch(EpochResult::diverged);
  }

  /** Returns whether there are no rows. */
  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Returns the history as a table with the columns of {@link #COLUMNS}, by scenario and epoch. */
  public Table table() {
    List<EpochResult> sorted = new ArrayList<>();
    for (String s : scenarios()) {
      sorted.addAll(rows(s));
    }
    StringColumn scenario = StringColumn.create("scenario");
    IntColumn epoch = IntColumn.create("epoch");
    DoubleColumn loss = DoubleColumn.create("loss");
    DoubleColumn accuracy = DoubleColumn.create("accuracy");
    DoubleColumn valLoss = DoubleColumn.create("val_loss");
    DoubleColumn valAccuracy = DoubleColumn.create("val_accuracy");
    DoubleColumn dead = DoubleColumn.create("dead_relu");
    // Says why a row's numbers are NaN or infinite (shown blank in tables).
    BooleanColumn diverged = BooleanColumn.create("diverged");
    DoubleColumn seconds = DoubleColumn.create("seconds");
    for (EpochResult r : sorted) {
      scenario.append(r.scenario());
      epoch.append(r.epoch());
      loss.append(r.loss());
      accuracy.append(r.accuracy());
      valLoss.append(r.valLoss());
      valAccuracy.append(r.valAccuracy());
      dead.append(r.deadRelu());
      diverged.append(r.diverged());
      seconds.append(r.seconds());
    }
    return Table.create(
        "history", scenario, epoch, loss, accuracy, valLoss, valAccuracy, dead, diverged, seconds);
  }

  /**
   * Returns one row per scenario: epochs run, final and best validation accuracy, final loss,
   * first-layer dead ReLUs, total seconds, and whether it diverged.
   */
  public Table summary() {
    StringColumn scenario = StringColumn.create("scenario");
    IntColumn epochs = IntColumn.create("epochs");
    DoubleColumn finalLoss = DoubleColumn.create("final_loss");
    DoubleColumn finalVal = DoubleColumn.create("final_val_accuracy");
    DoubleColumn bestVal = DoubleColumn.create("best_val_accuracy");
    DoubleColumn dead = DoubleColumn.create("dead_relu");
    DoubleColumn seconds = DoubleColumn.create("seconds");
    BooleanColumn diverged = BooleanColumn.create("diverged");
    for (String s : scenarios()) {
      List<EpochResult> runs = rows(s);
      EpochResult last = runs.get(runs.size() - 1);
      scenario.append(s);
      epochs.append(last.epoch());
      finalLoss.append(last.loss());
      finalVal.append(last.valAccuracy());
      bestVal.append(runs.stream().mapToDouble(EpochResult::valAccuracy).max().orElse(Double.NaN));
      dead.append(last.deadRelu());
      seconds.append(runs.stream().mapToDouble(EpochResult::seconds).sum());
      diverged.append(runs.stream().anyMatch(EpochResult::diverged));
    }
    return Table.create(
        "summary", scenario, epochs, finalLoss, finalVal, bestVal, dead, seconds, diverged);
  }

  /**
   * Returns, per epoch, the validation accuracy of {@code first} and {@code second} and their
   * difference in percentage points.
   */
  public Table compare(String first, String second) {
    IntColumn epoch = IntColumn.create("epoch");
    DoubleColumn a = DoubleColumn.create(first + " val_accuracy");
    DoubleColumn b = DoubleColumn.create(second + " val_accuracy");
    DoubleColumn points = DoubleColumn.create("difference (points)");
    List<EpochResult> ra = rows(first);
    List<EpochResult> rb = rows(second);
    for (int i = 0; i < Math.min(ra.size(), rb.size()); i++) {
      epoch.append(ra.get(i).epoch());
      a.append(ra.get(i).valAccuracy());
      b.append(rb.get(i).valAccuracy());
      points.append(100 * (rb.get(i).valAccuracy() - ra.get(i).valAccuracy()));
    }
    // An empty comparison says why, in the name its display shows.
    List<String> missing = Stream.of(first, second).filter(n -> rows(n).isEmpty()).toList();
    String name =
        missing.isEmpty()
            ? second + " vs " + first
            : second
                + " vs "
                + first
                + ": no epochs of "
                + String.join(" and ", missing)
                + " in this run (scenarios trained: "
                + (scenarios().isEmpty() ? "none" : String.join(",", scenarios()))
                + ")";
    return Table.create(name, epoch, a, b, points);
  }

  @Override
  public String toString() {
    return table().print();
  }
}
