package dev.scalinglab.playground;

import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.experiment.Experiment;
import dev.scalinglab.experiment.Scenarios;
import dev.scalinglab.model.ActivationKind;
import dev.scalinglab.model.NormKind;
import dev.scalinglab.report.Tables;
import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.OptimizerKind;
import dev.scalinglab.train.Scenario;
import dev.scalinglab.train.StepResult;
import dev.scalinglab.train.TrainingInterruptedException;
import dev.scalinglab.widgets.Button;
import dev.scalinglab.widgets.Dropdown;
import dev.scalinglab.widgets.FloatLogSlider;
import dev.scalinglab.widgets.HBox;
import dev.scalinglab.widgets.Html;
import dev.scalinglab.widgets.Image;
import dev.scalinglab.widgets.IntSlider;
import dev.scalinglab.widgets.Label;
import dev.scalinglab.widgets.ToggleButtons;
import dev.scalinglab.widgets.VBox;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Element;
import tech.tablesaw.api.Table;

/**
 * Controls for s, the learning rate, the compensation rule, the optimizer, epochs, train size and
 * the model (width, depth, activation, norm: {@link ModelChoice}); a Train button that trains the
 * tweaked run beside A's baseline, with the loss charted live every few steps, and the summary
 * table. A is trained again only when a setting it depends on changed (learning rate, optimizer,
 * epochs, train size, the model): moving s or the rule retrains the tweaked run alone. A click
 * trains on the widget callback thread, so the kernel stays responsive and its stop button (or
 * Stop) interrupts the training.
 */
public final class Playground {
  /** Redraw the chart at most this often while training. */
  static final long REFRESH_MILLIS = 250;

  private final FashionMnistData data;
  private final int batch;
  private final long seed;

  private final FloatLogSlider scale =
      new FloatLogSlider().range(1, 1000).step(0.01).description("input scale s");
  private final FloatLogSlider learningRate =
      new FloatLogSlider().range(1e-4, 1).step(0.05).description("learning rate");
  private final Dropdown compensation =
      new Dropdown().options(Compensation.labels()).description("compensation");
  private final ToggleButtons optimizer =
      new ToggleButtons().options(List.of("sgd", "momentum", "adam")).description("optimizer");
  private final IntSlider epochs = new IntSlider().min(1).max(10).description("epochs");
  private final IntSlider trainSize =
      new IntSlider()
          .min(1000)
          .max(FashionMnistData.TRAIN_SIZE)
          .step(1000)
          .description("train size");
  private final IntSlider width =
      new IntSlider().min(10).max(1024).step(10).description("first hidden layer width");
  private final IntSlider depth = new IntSlider().min(1).max(4).description("hidden layers");
  private final Dropdown activation =
      new Dropdown().options(names(ActivationKind.values())).description("activation");
  private final Dropdown norm =
      new Dropdown().options(names(NormKind.values())).description("norm");
  private final Button train = new Button().description("Train").buttonStyle("primary");
  private final Button stop = new Button().description("Stop");
  private final Label status = new Label();
  private final Image chart = new Image();
  private final Html table = new Html();
  private final VBox view;

  /** A's rows for the last hyper-parameters it trained with: s alone changes, A need not rerun. */
  private volatile Baseline baseline;

  private volatile Thread training;
  private volatile long clickNanos;
  private volatile Result last;

  private record Baseline(Hyperparameters hp, List<EpochResult> epochs, List<StepResult> steps) {}

  /** The outcome of one training: what was trained, the history, chart, table and timings. */
  public record Result(
      Settings settings,
      History history,
      BufferedImage chart,
      Table summary,
      double firstPointSeconds,
      double refreshSeconds) {}

  /**
   * Creates the controls, set to {@code initial}; {@code batch} and {@code seed} stay fixed.
   *
   * @param data the loaded data set
   */
  public Playground(FashionMnistData data, Settings initial, int batch, long seed) {
    this.data = data;
    this.batch = batch;
    this.seed = seed;
    for (var w :
        List.of(
            scale,
            learningRate,
            compensation,
            optimizer,
            epochs,
            trainSize,
            width,
            depth,
            activation,
            norm)) {
      w.style().with("description_width", "initial");
    }
    scale.continuousUpdate(false);
    learningRate.continuousUpdate(false);
    set(initial);
    setModel(ModelChoice.QUESTION);
    chart.png(new LiveLossChart(chart, Map.of(), REFRESH_MILLIS).image());
    status.value("set the controls and click Train");
    train.onClickNow(
        () -> {
          clickNanos = System.nanoTime();
          interrupt(); // the newest settings win
        });
    train.onClick(this::trainFromClick);
    stop.onClickNow(this::interrupt);
    view =
        new VBox(
            new HBox(scale, learningRate),
            new HBox(compensation, optimizer),
            new HBox(epochs, trainSize),
            new HBox(width, depth),
            new HBox(activation, norm),
            new HBox(train, stop, status),
            chart,
            table);
    view.describeAs(
        "Playground (input scale s, learning rate, compensation, optimizer, epochs, train size,"
            + " model width, depth, activation, norm, Train): open the notebook in JupyterLab to"
            + " use the controls");
  }

  /** Returns the whole playground, to display. */
  public VBox view() {
    return view;
  }

  /** Returns the settings the controls show now. */
  public Settings settings() {
    return new Settings(
        scale.value(),
        learningRate.value(),
        Compensation.ofLabel(compensation.value()),
        OptimizerKind.parse(optimizer.value()),
        epochs.value(),
        trainSize.value());
  }

  /** Moves the controls to {@code s}. */
  public void set(Settings s) {
    scale.value(s.scale());
    learningRate.value(s.learningRate());
    compensation.value(s.compensation().label());
    optimizer.value(s.optimizer().toString());
    epochs.value(s.epochs());
    trainSize.min(Math.min(1000, s.trainSize())).value(s.trainSize());
  }

  /** Returns the network the model controls show now. */
  public ModelChoice modelChoice() {
    return new ModelChoice(
        width.value(),
        depth.value(),
        ActivationKind.parse(activation.value()),
        NormKind.parse(norm.value()));
  }

  /** Moves the model controls to {@code m}. */
  public void setModel(ModelChoice m) {
    width.value(m.width());
    depth.value(m.depth());
    activation.value(m.activation().toString());
    norm.value(m.norm().toString());
  }

  /** Returns the activation control. */
  public Dropdown activationControl() {
    return activation;
  }

  /** Returns the result of the last finished training, or null. */
  public Result last() {
    return last;
  }

  /** Returns the status line under the controls. */
  public Label status() {
    return status;
  }

  /** Returns the live chart. */
  public Image chart() {
    return chart;
  }

  /** Returns the summary table. */
  public Html table() {
    return table;
  }

  /** Returns the Train button. */
  public Button trainButton() {
    return train;
  }

  /** Returns the input scale slider. */
  public FloatLogSlider scaleSlider() {
    return scale;
  }

  /** Interrupts the training running now, if any. */
  public void interrupt() {
    Thread t = training;
    if (t != null) {
      t.interrupt();
    }
  }

  /** Trains with the controls' settings on this thread, charting live; returns the result. */
  public Result train() {
    return train(System.nanoTime());
  }

  private void trainFromClick() {
    try {
      train(clickNanos);
    } catch (TrainingInterruptedException e) {
      // status already says so
    } catch (RuntimeException e) {
      status.value("error: " + (e.getMessage() == null ? e : e.getMessage()));
    }
  }

  private Result train(long startNanos) {
    Settings s = settings();
    ModelChoice m = modelChoice();
    Scenario tweaked =
        new Scenario(
            s.runName(),
            s.describe(),
            (float) s.scale(),
            s.compensation().multipliers(s.scale(), s.optimizer()));
    Hyperparameters hp =
        new Hyperparameters(s.epochs(), batch, s.learningRate(), seed, s.trainSize(), s.optimizer())
            .withModel(m.model());
    Map<String, String> legends = new LinkedHashMap<>();
    legends.put("A", "A: x/255, Glorot (baseline)");
    legends.put(tweaked.name(), tweaked.name() + ", " + s.compensation().label());
    LiveLossChart live = new LiveLossChart(chart, legends, REFRESH_MILLIS);
    Baseline a = baseline;
    boolean reuseA = a != null && a.hp().equals(hp);
    History history = new History(List.copyOf(legends.keySet()));
    if (reuseA) {
      a.epochs().forEach(history::add);
      a.steps().forEach(history::add);
      live.preload(a.steps());
    }
    training = Thread.currentThread();
    status.value("training " + s.describe() + " · " + m.describe() + " …");
    live.start();
    try {
      History trained =
          Experiment.builder()
              .setData(data)
              .optScenarios(reuseA ? List.of(tweaked) : List.of(Scenarios.a(), tweaked))
              .optHyperparameters(hp)
              .build()
              .run(live);
      trained.rows().forEach(history::add);
      for (String name : trained.scenarios()) {
        trained.stepRows(name).forEach(history::add);
      }
    } catch (TrainingInterruptedException e) {
      status.value("stopped: " + s.describe());
      throw e;
    } finally {
      training = null;
      stopChart(live);
    }
    if (!reuseA) {
      baseline = new Baseline(hp, history.rows("A"), history.stepRows("A"));
    }
    List<Long> refreshes = live.refreshes();
    double first = refreshes.isEmpty() ? Double.NaN : (refreshes.get(0) - startNanos) / 1e9;
    double every =
        refreshes.size() < 2
            ? Double.NaN
            : (refreshes.get(refreshes.size() - 1) - refreshes.get(0))
                / 1e9
                / (refreshes.size() - 1);
    Table summary = history.summary();
    Result result = new Result(s, history, live.image(), summary, first, every);
    last = result;
    Element caption = new Element("p").text(s.describe() + " · " + m.describe());
    table.value(caption.outerHtml() + Tables.html(summary));
    // One live refresh only (a short run) has no interval to report.
    String interval =
        Double.isNaN(every) ? "" : String.format(Locale.ROOT, " · chart every %.2f s", every);
    status.value(
        String.format(
            Locale.ROOT,
            "done: %s · first point %.2f s after Train%s",
            s.runName(),
            first,
            interval));
    return result;
  }

  private static List<String> names(Enum<?>[] kinds) {
    return java.util.Arrays.stream(kinds).map(Object::toString).toList();
  }

  private static void stopChart(LiveLossChart live) {
    try {
      live.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
