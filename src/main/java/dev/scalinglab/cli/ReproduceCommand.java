package dev.scalinglab.cli;

import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.experiment.Experiment;
import dev.scalinglab.experiment.RunPlan;
import dev.scalinglab.experiment.Scenarios;
import dev.scalinglab.experiment.SeedStudy;
import dev.scalinglab.report.ResultFiles;
import dev.scalinglab.report.Tables;
import dev.scalinglab.train.History;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.OptimizerKind;
import dev.scalinglab.train.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
      "A: x/255 + Glorot.  B: raw x + Glorot/255 (s = 255).",
      "C: B + the exact compensation, first-layer kernel only: lr/s^2 for sgd and momentum,",
      "   lr/s for adam.  D: B + global lr/s^2.",
      "E: B + first-layer kernel and bias lr/s.  E': B + first-layer kernel lr/s, bias untouched.",
      "Writes history.csv, report.html and PNG plots to --out."
    })
public final class ReproduceCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin SharedOptions shared;

  @Mixin ModelOptions network;

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

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    OptimizerKind kind = shared.optimizer;
    Hyperparameters hp =
        new Hyperparameters(epochs, shared.batch, lr, shared.seed, trainSize, kind)
            .withModel(network.model());
    List<Scenario> chosen = Scenarios.parse(scenarios, kind);
    // Bad values fail here, before the data loads.
    RunPlan plan = seeds == 1 ? RunPlan.of(chosen, hp) : RunPlan.seeds(chosen, hp, seeds);
    shared.prepareOut();
    FashionMnistData dataset = shared.loadData(stdout);
    Experiment experiment = Experiment.of(dataset, plan);
    String settings =
        String.format(
            Locale.ROOT,
            "%s, %s, %d epochs, batch %d, lr %s, %s, seed %d, %d training images",
            scenarios,
            hp.model(),
            epochs,
            shared.batch,
            lr,
            kind,
            shared.seed,
            trainSize);
    stdout.println("run: " + settings);
    ProgressPrinter progress = new ProgressPrinter(stdout, System.console() != null, epochs);
    long trainStart = System.nanoTime();
    if (seeds == 1) {
      History history = CtrlC.guard(experiment, stdout, () -> experiment.run(progress));
      printTime(stdout, trainStart);
      stdout.println(Tables.text(history.summary()));
      printWritten(stdout, ResultFiles.write(shared.out, history, settings, chosen));
      return 0;
    }
    stdout.printf(
        Locale.ROOT,
        "seeds: %d (%d..%d), %d runs%n",
        seeds,
        hp.seed(),
        hp.seed() + seeds - 1,
        plan.size());
    SeedStudy.Result study =
        CtrlC.guard(experiment, stdout, () -> SeedStudy.run(experiment, progress));
    printTime(stdout, trainStart);
    stdout.println(Tables.text(study.aggregate()));
    printWritten(
        stdout,
        ResultFiles.write(
            shared.out,
            study.history(),
            settings + ", " + seeds + " seeds",
            chosen,
            Map.of("val_accuracy_bands", study.bands())));
    Path csv = shared.out.resolve("seeds.csv");
    study.aggregate().write().csv(csv.toFile());
    stdout.println("wrote " + csv);
    return 0;
  }

  private static void printTime(PrintWriter stdout, long start) {
    stdout.printf(Locale.ROOT, "trained in %.1fs%n%n", (System.nanoTime() - start) / 1e9);
  }

  private static void printWritten(PrintWriter stdout, List<Path> files) {
    for (Path file : files) {
      stdout.println("wrote " + file);
    }
  }
}
