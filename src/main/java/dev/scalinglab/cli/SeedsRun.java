package dev.scalinglab.cli;

import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.experiment.SeedStudy;
import dev.scalinglab.report.Bands;
import dev.scalinglab.report.ResultFiles;
import dev.scalinglab.report.Tables;
import dev.scalinglab.train.History;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/** {@code reproduce --seeds N} with N > 1: the scenarios over N seeds, with bands. */
final class SeedsRun {

  private SeedsRun() {}

  /**
   * Runs the seed study, prints the aggregate, and writes the usual files for all runs (named e.g.
   * {@code A[seed=43]}) plus {@code seeds.csv} and {@code val_accuracy_bands.png}.
   */
  static History run(
      FashionMnistData data,
      List<Scenario> scenarios,
      Hyperparameters hp,
      int seeds,
      String settings,
      Path out,
      PrintWriter stdout)
      throws IOException {
    SeedStudy study =
        SeedStudy.builder()
            .setData(data)
            .optScenarios(scenarios)
            .optHyperparameters(hp)
            .optSeeds(seeds)
            .build();
    stdout.printf(
        Locale.ROOT,
        "seeds: %d (%d..%d), %d runs%n",
        seeds,
        hp.seed(),
        hp.seed() + seeds - 1,
        seeds * scenarios.size());
    Thread hook = new Thread(study::cancel, "scaling-lab-seeds-ctrl-c");
    Runtime.getRuntime().addShutdownHook(hook);
    long start = System.nanoTime();
    History history;
    try {
      history = study.run(new ProgressPrinter(stdout, System.console() != null, hp.epochs()));
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already exiting.
      }
    }
    stdout.printf(Locale.ROOT, "trained in %.1fs%n%n", (System.nanoTime() - start) / 1e9);
    Table aggregate = SeedStudy.aggregate(history);
    stdout.println(Tables.text(aggregate));
    String withSeeds = settings + ", " + seeds + " seeds";
    var bands = Bands.image(aggregate, "val_accuracy", "validation accuracy");
    for (Path file :
        ResultFiles.write(out, history, withSeeds, Map.of("val_accuracy_bands", bands))) {
      stdout.println("wrote " + file);
    }
    Path csv = out.resolve("seeds.csv");
    aggregate.write().csv(csv.toFile());
    stdout.println("wrote " + csv);
    return history;
  }
}
