package dev.scalinglab.cli;

import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.experiment.Experiment;
import dev.scalinglab.experiment.RunPlan;
import dev.scalinglab.experiment.Sweep;
import dev.scalinglab.report.Charts;
import dev.scalinglab.report.Tables;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.OptimizerKind;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code sweep}: final validation accuracy over input scale × learning rate, both models. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Sweep input scale s x learning rate, with and without compensation.",
      "Two models per cell: uncompensated (x/255*s, Glorot/s, plain lr) and compensated (same, first-kernel lr",
      "times the exact factor: 1/s^2 for sgd and momentum, 1/s for adam).",
      "Writes sweep.csv and sweep.png (heatmap of final validation accuracy) to --out."
    })
public final class SweepCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin SharedOptions shared;

  @Mixin ModelOptions network;

  @Option(
      names = "--scales",
      split = ",",
      description = "Comma-separated input scales s (default: 1,2,4,8,16,32,64,128,255).")
  List<Double> scales = List.of(1d, 2d, 4d, 8d, 16d, 32d, 64d, 128d, 255d);

  @Option(
      names = "--lrs",
      split = ",",
      description = "Comma-separated base learning rates (default: 0.001,0.01,0.1).")
  List<Double> lrs = List.of(0.001, 0.01, 0.1);

  @Option(names = "--epochs", description = "Epochs per cell (default: ${DEFAULT-VALUE}).")
  int epochs = 1;

  @Option(
      names = "--train-size",
      description = "Train on the first N of the 55,000 images (default: ${DEFAULT-VALUE}).")
  int trainSize = 10_000;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    OptimizerKind kind = shared.optimizer;
    // Validates epochs, batch and train size before the data loads.
    Hyperparameters hp =
        new Hyperparameters(epochs, shared.batch, lrs.get(0), shared.seed, trainSize, kind)
            .withModel(network.model());
    // Bad scales or learning rates (also a compensated rate float32 cannot hold) fail here,
    // before the data loads.
    RunPlan grid = Sweep.plan(scales, lrs, hp);
    shared.prepareOut();
    FashionMnistData dataset = shared.loadData(stdout);
    Experiment experiment = Sweep.experiment(dataset, grid);
    String settings =
        String.format(
            Locale.ROOT,
            "%s, %s, %d epoch(s), batch %d, seed %d, %d training images",
            hp.model(),
            kind,
            epochs,
            shared.batch,
            shared.seed,
            trainSize);
    stdout.printf(
        Locale.ROOT,
        "sweep: %d cells (2 models x %d scales x %d lrs), %s%n",
        grid.size(),
        scales.size(),
        lrs.size(),
        settings);
    long sweepStart = System.nanoTime();
    Sweep.Result result =
        CtrlC.guard(
            experiment,
            stdout,
            () ->
                Sweep.run(
                    experiment,
                    cell -> {
                      stdout.printf(
                          Locale.ROOT,
                          "[%d/%d] %-13s s=%-5s lr=%-6s val_acc %s  %.1fs%n",
                          cell.done(),
                          cell.total(),
                          cell.model(),
                          Sweep.number(cell.scale()),
                          Sweep.number(cell.lr()),
                          describe(cell),
                          cell.last().seconds());
                      stdout.flush();
                    }));
    Table table = result.table();
    double wall = (System.nanoTime() - sweepStart) / 1e9;
    stdout.printf(Locale.ROOT, "sweep wall time: %.1fs%n%n", wall);
    stdout.println(Tables.text(table));
    Files.createDirectories(shared.out);
    Path csv = shared.out.resolve("sweep.csv");
    table.write().csv(csv.toFile());
    Path png = shared.out.resolve("sweep.png");
    Charts.savePng(result.heatmap("final validation accuracy (" + settings + ")"), png);
    stdout.println("wrote " + csv);
    stdout.println("wrote " + png);
    return 0;
  }

  private static String describe(Sweep.Cell cell) {
    return switch (cell.status()) {
      case OK -> String.format(Locale.ROOT, "%.4f", cell.last().valAccuracy());
      case EXPLODED ->
          String.format(
              Locale.ROOT,
              "%.4f (exploded: loss %.1e)",
              cell.last().valAccuracy(),
              cell.last().loss());
      case DEAD ->
          String.format(
              Locale.ROOT,
              "%.4f (dead: %.0f%% of first-layer ReLUs)",
              cell.last().valAccuracy(),
              100 * cell.last().deadRelu());
      case DIVERGED -> "DIVERGED (NaN/inf)";
      case FAILED -> "FAILED";
    };
  }
}
