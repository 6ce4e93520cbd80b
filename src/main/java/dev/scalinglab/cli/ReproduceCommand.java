package dev.scalinglab.cli;

import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.experiment.Experiment;
import dev.scalinglab.experiment.Scenarios;
import dev.scalinglab.report.ResultFiles;
import dev.scalinglab.report.Tables;
import dev.scalinglab.train.History;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.OptimizerKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reproduce}: trains the question's scenarios and writes the history, plots and report. */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description = {
      "Train scenarios A-E of the question and compare them.",
      "A: x/255 + Glorot.  B: raw x + Glorot/255.  C: B + first-layer kernel lr/s^2 (exact).",
      "D: B + global lr/s^2.  E: B + first-layer lr/s.",
      "Writes history.csv, report.html and PNG plots to --out."
    })
public final class ReproduceCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin SharedOptions shared;

  @Option(names = "--epochs", description = "Epochs per scenario (default: ${DEFAULT-VALUE}).")
  int epochs = 5;

  @Option(
      names = "--scenarios",
      description = "Comma-separated scenarios to run (default: ${DEFAULT-VALUE}).")
  String scenarios = "A,B,C,D,E";

  @Option(
      names = "--train-size",
      description = "Train on the first N of the 55,000 images (default: ${DEFAULT-VALUE}).")
  int trainSize = 55_000;

  @Option(names = "--lr", description = "Base learning rate (default: ${DEFAULT-VALUE}).")
  double lr = 0.01;

  @Option(
      names = "--seeds",
      description = {
        "Run each scenario with N seeds (--seed, --seed+1, ...); N > 1 also writes seeds.csv",
        "and val_accuracy_bands.png (mean and min-max per epoch) (default: ${DEFAULT-VALUE})."
      })
  int seeds = 1;

  private History history;

  /** Returns the history of the last call, or null before it. */
  public History history() {
    return history;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    OptimizerKind kind = shared.optimizer();
    Hyperparameters hp =
        new Hyperparameters(epochs, shared.batch, lr, shared.seed, trainSize, kind);
    var chosen = Scenarios.parse(scenarios, kind);
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
    }
    shared.prepareOut();
    FashionMnistData dataset = shared.loadData(stdout);
    Experiment experiment =
        Experiment.builder().setData(dataset).optScenarios(chosen).optHyperparameters(hp).build();
    String settings =
        String.format(
            Locale.ROOT,
            "%s, %d epochs, batch %d, lr %s, %s, seed %d, %d training images",
            scenarios,
            epochs,
            shared.batch,
            lr,
            kind,
            shared.seed,
            trainSize);
    stdout.println("run: " + settings);
    if (seeds > 1) {
      history = SeedsRun.run(dataset, chosen, hp, seeds, settings, shared.out, stdout);
      return 0;
    }
    Thread hook = new Thread(() -> onCtrlC(experiment, stdout), "scaling-lab-ctrl-c");
    Runtime.getRuntime().addShutdownHook(hook);
    long trainStart = System.nanoTime();
    try {
      history = experiment.run(new ProgressPrinter(stdout, System.console() != null, epochs));
    } finally {
      removeHook(hook);
    }
    stdout.printf(Locale.ROOT, "trained in %.1fs%n%n", (System.nanoTime() - trainStart) / 1e9);
    stdout.println(Tables.text(history.summary()));
    for (Path file : ResultFiles.write(shared.out, history, settings)) {
      stdout.println("wrote " + file);
    }
    return 0;
  }

  private static void onCtrlC(Experiment experiment, PrintWriter stdout) {
    experiment.cancel();
    History partial = experiment.history();
    stdout.println();
    stdout.println("interrupted: epochs completed per scenario:");
    for (String s : partial.scenarios()) {
      stdout.println("  " + s + ": " + partial.rows(s).size());
    }
    stdout.flush();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting (Ctrl-C); the hook reports.
    }
  }
}
