package dev.scalinglab.experiment;

import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.data.FeatureScaling;
import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.LrMultipliers;
import dev.scalinglab.train.Scenario;
import dev.scalinglab.train.TrainingListener;
import java.util.ArrayList;
import java.util.HashMap;
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
 * A grid over input scale s × learning rate for two models: the uncompensated one (features raw /
 * 255 · s, first kernel Glorot / s, the plain learning rate everywhere) and the compensated one
 * (the same, with the first kernel's learning rate times the optimizer's exact factor, 1/s² for
 * SGD). Cells train in parallel on all cores; a cell that diverges or fails is recorded as such and
 * the sweep goes on.
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
          "status",
          "diverged",
          "seconds");

  private final List<Double> scales;
  private final List<Double> lrs;
  private final Hyperparameters hyperparameters;
  private final Map<String, Spec> specs = new HashMap<>();
  private final List<String> order = new ArrayList<>();
  private final Experiment runs;

  private record Spec(Model model, double scale, double lr, double kernelLr) {}

  private Sweep(Builder b) {
    this.scales = List.copyOf(b.scales);
    this.lrs = List.copyOf(b.lrs);
    this.hyperparameters = b.hyperparameters;
    Experiment.Builder list = Experiment.builder().setData(b.data).optContinueOnFailure(true);
    for (Model model : Model.values()) {
      for (double s : scales) {
        for (double lr : lrs) {
          double factor =
              model == Model.COMPENSATED ? hyperparameters.optimizer().exactKernelFactor(s) : 1;
          String name = name(model, s, lr);
          Scenario scenario =
              new Scenario(name, name, (float) s, LrMultipliers.firstKernel(factor));
          list.addRun(scenario, hyperparameters.withLearningRate(lr));
          specs.put(name, new Spec(model, s, lr, lr * factor));
          order.add(name);
        }
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

  /** Returns the run name of a cell, e.g. {@code compensated s=4 lr=0.01}. */
  public static String name(Model model, double scale, double lr) {
    return model + " s=" + number(scale) + " lr=" + number(lr);
  }

  /** Runs every cell and returns the table of {@link #table}. */
  public Table run() {
    return run(cell -> {});
  }

  /**
   * Runs every cell, calling {@code onCell} as each finishes (calls are serialised), and returns
   * the table of {@link #table}.
   */
  public Table run(Consumer<Cell> onCell) {
    int total = order.size();
    AtomicInteger done = new AtomicInteger();
    int epochs = hyperparameters.epochs();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onEpoch(EpochResult r) {
            if (r.epoch() < epochs && !r.diverged()) {
              return;
            }
            Spec spec = specs.get(r.scenario());
            Status status = status(r.scenario(), r);
            onCell.accept(
                new Cell(
                    spec.model(),
                    spec.scale(),
                    spec.lr(),
                    spec.kernelLr(),
                    r,
                    status,
                    done.incrementAndGet(),
                    total));
          }
        };
    runs.run(listener);
    return table();
  }

  /** Interrupts a running {@link #run} from another thread and waits. */
  public void cancel() {
    runs.cancel();
  }

  /** Returns the raw per-epoch history of every cell, named as {@link #name}. */
  public History history() {
    return runs.history();
  }

  /** Returns the number of cells: models × scales × learning rates. */
  public int cells() {
    return order.size();
  }

  /**
   * Returns one row per cell with the columns of {@link #COLUMNS}: the last epoch's metrics, the
   * cell's status (ok, exploded, diverged, failed), {@code diverged} (NaN/inf or failed: no usable
   * model) and its total seconds; cells not (yet) run are left out.
   */
  public Table table() {
    History h = runs.history();
    StringColumn model = StringColumn.create("model");
    DoubleColumn scale = DoubleColumn.create("scale");
    DoubleColumn lr = DoubleColumn.create("lr");
    DoubleColumn kernelLr = DoubleColumn.create("kernel_lr");
    IntColumn epochs = IntColumn.create("epochs");
    DoubleColumn loss = DoubleColumn.create("loss");
    DoubleColumn valLoss = DoubleColumn.create("val_loss");
    DoubleColumn valAccuracy = DoubleColumn.create("val_accuracy");
    StringColumn status = StringColumn.create("status");
    BooleanColumn diverged = BooleanColumn.create("diverged");
    DoubleColumn seconds = DoubleColumn.create("seconds");
    for (String name : order) {
      List<EpochResult> rows = h.rows(name);
      boolean failed = runs.failures().containsKey(name);
      if (rows.isEmpty() && !failed) {
        continue;
      }
      Spec spec = specs.get(name);
      EpochResult last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
      Status st = status(name, last);
      model.append(spec.model().toString());
      scale.append(spec.scale());
      lr.append(spec.lr());
      kernelLr.append(spec.kernelLr());
      epochs.append(rows.size());
      loss.append(last == null ? Double.NaN : last.loss());
      valLoss.append(last == null ? Double.NaN : last.valLoss());
      valAccuracy.append(last == null ? Double.NaN : last.valAccuracy());
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
        status,
        diverged,
        seconds);
  }

  private Status status(String name, EpochResult last) {
    if (runs.failures().containsKey(name)) {
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

  /** Formats a number without a trailing ".0" (4, 0.01, 1e-05). */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** Builds a {@link Sweep}; data, scales and learning rates are required. */
  public static final class Builder {
    private FashionMnistData data;
    private List<Double> scales = List.of();
    private List<Double> lrs = List.of();
    private Hyperparameters hyperparameters = Hyperparameters.QUESTION.withEpochs(1);
    private int parallelism = -1;

    private Builder() {}

    /** Sets the data (required). */
    public Builder setData(FashionMnistData data) {
      this.data = data;
      return this;
    }

    /** Sets the input scales s (required, each finite and > 0). */
    public Builder setScales(List<Double> scales) {
      this.scales = List.copyOf(scales);
      return this;
    }

    /** Sets the base learning rates (required, each finite and > 0). */
    public Builder setLearningRates(List<Double> lrs) {
      this.lrs = List.copyOf(lrs);
      return this;
    }

    /**
     * Sets epochs, batch, seed, train size and optimizer (default: the question's, 1 epoch); the
     * learning rate is replaced by each cell's.
     */
    public Builder optHyperparameters(Hyperparameters hyperparameters) {
      this.hyperparameters = hyperparameters;
      return this;
    }

    /** Sets how many cells train at once (default: one per core). */
    public Builder optParallelism(int parallelism) {
      this.parallelism = parallelism;
      return this;
    }

    /** Validates and builds. */
    public Sweep build() {
      if (data == null) {
        throw new IllegalArgumentException("Sweep needs data: call setData(...)");
      }
      if (scales.isEmpty()) {
        throw new IllegalArgumentException("Sweep needs at least one input scale");
      }
      if (lrs.isEmpty()) {
        throw new IllegalArgumentException("Sweep needs at least one learning rate");
      }
      if (hyperparameters == null) {
        throw new IllegalArgumentException("hyper-parameters must be set");
      }
      scales.forEach(FeatureScaling::checkScale);
      for (double lr : lrs) {
        // Validates with the same message as the hyper-parameters.
        hyperparameters.withLearningRate(lr);
      }
      if (scales.stream().distinct().count() != scales.size()) {
        throw new IllegalArgumentException("input scales must be distinct: " + scales);
      }
      if (lrs.stream().distinct().count() != lrs.size()) {
        throw new IllegalArgumentException("learning rates must be distinct: " + lrs);
      }
      return new Sweep(this);
    }
  }
}
