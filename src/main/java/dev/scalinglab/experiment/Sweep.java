package dev.scalinglab.experiment;

import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.data.InputScale;
import dev.scalinglab.report.Heatmaps;
import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.LrMultipliers;
import dev.scalinglab.train.Scenario;
import dev.scalinglab.train.TrainingListener;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A grid over input scale s × learning rate ({@link #plan}) for two models: the uncompensated one
 * (features raw / 255 · s, first kernel Glorot / s, the plain learning rate everywhere) and the
 * compensated one (the same, with the first kernel's learning rate times the optimizer's exact
 * factor, 1/s² for SGD). Cells train in parallel on all cores; a cell that diverges or fails is
 * recorded as such and the sweep goes on. Returns a {@link Result}: the table and its heatmap.
 */
public final class Sweep {

  /** The two models of the grid. */
  public enum Model {
    /** Input scale s, Glorot / s, plain learning rate. */
    UNCOMPENSATED,
    /** As uncompensated, with the first kernel's learning rate × the exact factor for s. */
    COMPENSATED;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How a cell ended. */
  public enum Status {
    /** Trained every epoch with finite loss and weights. */
    OK,
    /**
     * Loss and weights stayed finite but the last epoch's mean training loss exceeded {@link
     * #EXPLODED_LOSS} (chance level is ln 10 ≈ 2.3): the network blew up, as B does.
     */
    EXPLODED,
    /**
     * Loss stayed moderate but at least {@link #DEAD_RELU} of the first layer's ReLUs output 0 for
     * every validation image: the network cannot learn any more (B after its first epoch).
     */
    DEAD,
    /** Loss or weights became NaN or infinite; training stopped. */
    DIVERGED,
    /** Training threw an exception. */
    FAILED;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One finished cell.
   *
   * @param model uncompensated or compensated
   * @param scale input scale s
   * @param lr base learning rate
   * @param kernelLr the first kernel's learning rate
   * @param last the cell's last history row (NaN metrics when it failed)
   * @param status how it ended
   * @param done cells finished so far, this one included
   * @param total cells in the sweep
   */
  public record Cell(
      Model model,
      double scale,
      double lr,
      double kernelLr,
      EpochResult last,
      Status status,
      int done,
      int total) {}

  /** Mean training loss above which a finite cell counts as {@link Status#EXPLODED}. */
  public static final double EXPLODED_LOSS = 1e3;

  /** Fraction of dead first-layer ReLUs from which a cell counts as {@link Status#DEAD}. */
  public static final double DEAD_RELU = 0.9;

  /** Column names of {@link #table}, in order (also the header of {@code sweep.csv}). */
  public static final List<String> COLUMNS =
      List.of(
          "model",
          "scale",
          "lr",
          "kernel_lr",
          "epochs",
          "loss",
          "val_loss",
          "val_accuracy",
          "dead_relu",
          "status",
          "diverged",
          "seconds");

  private Sweep() {}

  /**
   * What a sweep returns.
   *
   * @param table one row per cell, columns {@link #COLUMNS}
   * @param history every cell's per-epoch rows, runs named as {@link #name}
   */
  public record Result(Table table, History history) {

    /** Returns the heatmap of the final validation accuracy, titled {@code title}. */
    public BufferedImage heatmap(String title) {
      return Heatmaps.image(table, "val_accuracy", title, 0, 1);
    }
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
  public static RunPlan plan(List<Double> scales, List<Double> lrs, Hyperparameters hp) {
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
    List<RunPlan.Run> runs = new ArrayList<>();
    for (Model model : Model.values()) {
      for (double s : scales) {
        for (double lr : lrs) {
          Hyperparameters cellHp = hp.withLearningRate(lr);
          double factor = model == Model.COMPENSATED ? hp.optimizer().exactKernelFactor(s) : 1;
          String name = name(model, s, lr);
          LrMultipliers multipliers = LrMultipliers.firstKernel(factor);
          multipliers.checkRepresentable(lr, "s = " + number(s) + ", " + model);
          runs.add(
              new RunPlan.Run(
                  new Scenario(name, name, (float) s, multipliers),
                  cellHp,
                  model.toString(),
                  new RunPlan.Cell(model == Model.COMPENSATED, s, lr, lr * factor)));
        }
      }
    }
    return new RunPlan(runs);
  }

  /**
   * Trains every cell of {@link #plan}({@code scales}, {@code lrs}, {@code hp}) in parallel and
   * returns the result; a cell that diverges or throws is recorded as such.
   */
  public static Result run(
      FashionMnistData data, List<Double> scales, List<Double> lrs, Hyperparameters hp) {
    return run(experiment(data, plan(scales, lrs, hp)), cell -> {});
  }

  /** Returns the experiment that trains {@code grid}, going on past cells that throw. */
  public static Experiment experiment(FashionMnistData data, RunPlan grid) {
    return Experiment.builder().setData(data).setPlan(grid).optContinueOnFailure(true).build();
  }

  /**
   * Runs {@code experiment} (from {@link #experiment}), calling {@code onCell} as each cell
   * finishes (calls serialised), and returns the result; the caller keeps the experiment to cancel
   * it.
   */
  public static Result run(Experiment experiment, Consumer<Cell> onCell) {
    RunPlan plan = experiment.plan();
    int total = plan.size();
    AtomicInteger done = new AtomicInteger();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onEpoch(EpochResult r) {
            RunPlan.Run run = plan.run(r.scenario());
            if (r.epoch() < run.hyperparameters().epochs() && !r.diverged()) {
              return;
            }
            RunPlan.Cell c = run.cell();
            onCell.accept(
                new Cell(
                    model(c),
                    c.scale(),
                    c.lr(),
                    c.kernelLr(),
                    r,
                    status(r, experiment.failures().containsKey(r.scenario())),
                    done.incrementAndGet(),
                    total));
          }
        };
    History h = experiment.run(listener);
    return new Result(table(plan, h, experiment.failures()), h);
  }

  /** Returns the run name of a cell, e.g. {@code compensated s=4 lr=0.01}. */
  public static String name(Model model, double scale, double lr) {
    return model + " s=" + number(scale) + " lr=" + number(lr);
  }

  /**
   * Returns one row per cell with the columns of {@link #COLUMNS}: the last epoch's metrics, the
   * cell's status (ok, exploded, diverged, failed), {@code diverged} (NaN/inf or failed: no usable
   * model) and its total seconds; cells not (yet) run are left out.
   */
  public static Table table(RunPlan plan, History h, Map<String, RuntimeException> failures) {
    StringColumn model = StringColumn.create("model");
    DoubleColumn scale = DoubleColumn.create("scale");
    DoubleColumn lr = DoubleColumn.create("lr");
    DoubleColumn kernelLr = DoubleColumn.create("kernel_lr");
    IntColumn epochs = IntColumn.create("epochs");
    DoubleColumn loss = DoubleColumn.create("loss");
    DoubleColumn valLoss = DoubleColumn.create("val_loss");
    DoubleColumn valAccuracy = DoubleColumn.create("val_accuracy");
    // Beside the status: a cell at chance level that did not diverge shows how much of its first
    // layer died.
    DoubleColumn deadRelu = DoubleColumn.create("dead_relu");
    StringColumn status = StringColumn.create("status");
    BooleanColumn diverged = BooleanColumn.create("diverged");
    DoubleColumn seconds = DoubleColumn.create("seconds");
    for (RunPlan.Run run : plan.runs()) {
      String name = run.name();
      List<EpochResult> rows = h.rows(name);
      boolean failed = failures.containsKey(name);
      if (rows.isEmpty() && !failed) {
        continue;
      }
      RunPlan.Cell spec = run.cell();
      EpochResult last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
      Status st = status(last, failed);
      model.append(model(spec).toString());
      scale.append(spec.scale());
      lr.append(spec.lr());
      kernelLr.append(spec.kernelLr());
      epochs.append(rows.size());
      loss.append(last == null ? Double.NaN : last.loss());
      valLoss.append(last == null ? Double.NaN : last.valLoss());
      valAccuracy.append(last == null ? Double.NaN : last.valAccuracy());
      deadRelu.append(last == null ? Double.NaN : last.deadRelu());
      status.append(st.toString());
      diverged.append(st == Status.DIVERGED || st == Status.FAILED);
      seconds.append(rows.stream().mapToDouble(EpochResult::seconds).sum());
    }
    return Table.create(
        "sweep",
        model,
        scale,
        lr,
        kernelLr,
        epochs,
        loss,
        valLoss,
        valAccuracy,
        deadRelu,
        status,
        diverged,
        seconds);
  }

  private static Model model(RunPlan.Cell cell) {
    return cell.compensated() ? Model.COMPENSATED : Model.UNCOMPENSATED;
  }

  private static Status status(EpochResult last, boolean failed) {
    if (failed) {
      return Status.FAILED;
    }
    if (last == null || last.diverged()) {
      return Status.DIVERGED;
    }
    if (last.loss() > EXPLODED_LOSS) {
      return Status.EXPLODED;
    }
    return last.deadRelu() >= DEAD_RELU ? Status.DEAD : Status.OK;
  }

  /**
   * Formats a number compactly and exactly enough to tell grid values apart: 4, 0.01, 1e-05, 1e+30.
   */
  public static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    String g = String.format(Locale.ROOT, "%.6g", v);
    int e = g.indexOf('e');
    String mantissa = e < 0 ? g : g.substring(0, e);
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return e < 0 ? mantissa : mantissa + g.substring(e);
  }
}
