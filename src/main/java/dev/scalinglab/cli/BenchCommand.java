package dev.scalinglab.cli;

import dev.scalinglab.bench.BenchConfig;
import dev.scalinglab.bench.BenchResult;
import dev.scalinglab.bench.Benchmark;
import dev.scalinglab.bench.ReadmeSection;
import dev.scalinglab.bench.StepProfile;
import dev.scalinglab.data.DataSource;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.engine.EngineSetup;
import dev.scalinglab.report.Charts;
import dev.scalinglab.report.Tables;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: parses options, runs {@link Benchmark}, prints and saves its result. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark training speed against PyTorch eager and the GEMM limit.",
      "Epochs of scenario A with our DJL loop and with PyTorch (Debian's and the",
      "project's .venv) alternate in rounds on the same data, weights, batch orders",
      "and thread count; prints the median ratio and its range, writes bench.csv and",
      "bench.png to --out, and ends with 'ratio djl/pytorch at batch 32: R'",
      "(1 thread, the faster PyTorch)."
    })
public final class BenchCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--rounds",
      description = "Timed epochs per column, interleaved (default: ${DEFAULT-VALUE}).")
  int rounds = 5;

  @Option(
      names = "--batches",
      split = ",",
      description = "Batch sizes (default: ${DEFAULT-VALUE}).")
  List<Integer> batches = List.of(32, 256, 1024);

  @Option(
      names = "--threads",
      split = ",",
      description = "Intra-op thread counts, same on both sides (default: ${DEFAULT-VALUE}).")
  List<Integer> threads = List.of(1, 2);

  @Option(
      names = "--train-size",
      description = "Train on the first N of the 55,000 images (default: ${DEFAULT-VALUE}).")
  int trainSize = 55_000;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Directory with the four Fashion-MNIST .gz files (default: as reproduce).")
  Path data;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where to write bench.csv and bench.png (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("results");

  @Option(
      names = "--python",
      paramLabel = "EXE",
      description =
          "Python with torch, repeatable (default: /usr/bin/python3 and the project's .venv).")
  List<Path> pythons = List.of();

  @Option(
      names = "--parallel",
      description =
          "Trainings run at once for the parallel row, 0 = none (default: ${DEFAULT-VALUE}).")
  int parallel = 2;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Longest wait for any answer from PyTorch (default: ${DEFAULT-VALUE}).")
  double timeout = 600;

  @Option(
      names = "--readme",
      paramLabel = "FILE",
      description = "Also write the markdown table into FILE between the bench:begin/end markers.")
  Path readme;

  @Option(
      names = "--profile-step",
      description = "Only profile one training step at the first batch size (ops, Java bytes).")
  boolean profileStep;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    if (profileStep) {
      EngineSetup.configure();
      StepProfile p =
          StepProfile.run(FashionMnistData.load(DataSource.locate(data)), batches.get(0), 2000);
      stdout.println(Tables.text(p.ops()));
      stdout.printf(
          Locale.ROOT,
          "batch %d: %.0f us/step, %.1f top-level libtorch ops/step, %.0f Java bytes/step%n",
          batches.get(0),
          p.microsPerStep(),
          p.topLevelOpsPerStep(),
          p.javaBytesPerStep());
      return 0;
    }
    if (readme != null && !Files.isWritable(readme)) {
      throw new IllegalArgumentException("--readme " + readme + " is not a writable file");
    }
    BenchConfig config =
        BenchConfig.defaults(DataSource.locate(data))
            .with(batches, threads, rounds, trainSize)
            .withPythons(pythons, parallel, timeout);
    BenchResult result = Benchmark.run(config, stdout::println);
    stdout.println();
    stdout.println(Tables.text(result.table()));
    Files.createDirectories(out);
    Path csv = out.resolve("bench.csv");
    result.table().write().csv(csv.toFile());
    Charts.savePng(result.chart(), out.resolve("bench.png"));
    Files.writeString(out.resolve("bench.md"), result.markdown());
    stdout.println("wrote " + csv + ", bench.png and bench.md");
    if (readme != null) {
      Files.writeString(readme, ReadmeSection.replace(Files.readString(readme), result.markdown()));
      stdout.println("updated the performance table in " + readme);
    }
    result.ratioLines().forEach(stdout::println);
    stdout.println(result.headlineLine());
    stdout.flush();
    return 0;
  }
}
