package dev.scalinglab.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.scalinglab.bench.BenchRow;
import dev.scalinglab.bench.BenchTable;
import dev.scalinglab.bench.DjlBenchmark;
import dev.scalinglab.bench.Flops;
import dev.scalinglab.bench.GemmBenchmark;
import dev.scalinglab.bench.TorchBenchmark;
import dev.scalinglab.data.DataSource;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.engine.EngineSetup;
import dev.scalinglab.model.Mlp;
import dev.scalinglab.report.Tables;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.ModelTrainer;
import dev.scalinglab.train.OptimizerKind;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/**
 * {@code bench}: times our training loop against eager PyTorch and against the GEMM limit, on the
 * same data, model, initial weights, batch order and thread count, and writes {@code bench.csv}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark training speed against PyTorch and the GEMM limit.",
      "Times an epoch of scenario A with our DJL loop and with PyTorch from Python,",
      "against the GEMM limit for the same FLOPs; also parallel trainings and startup.",
      "Writes bench.csv to --out and ends with 'ratio djl/pytorch at batch 32: R'."
    })
public final class BenchCommand implements Callable<Integer> {

  /** Untimed epochs before the timed ones, on both sides (bench_torch.py's --warmup default). */
  private static final int WARMUP = 1;

  @Spec private CommandSpec spec;

  @Option(
      names = "--epochs",
      description = "Timed epochs per batch size, after one warm-up (default: ${DEFAULT-VALUE}).")
  int epochs = 3;

  @Option(
      names = "--batches",
      split = ",",
      description = "Batch sizes (default: ${DEFAULT-VALUE}).")
  List<Integer> batches = List.of(32, 256, 1024);

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
      description = "Where to write bench.csv (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("results");

  @Option(
      names = "--python",
      paramLabel = "EXE",
      description = "Python with torch (default: ${DEFAULT-VALUE}).")
  Path python = Path.of("/usr/bin/python3");

  @Option(
      names = "--parallel",
      description =
          "Trainings run at once for the parallel row, 0 = none (default: ${DEFAULT-VALUE}).")
  int parallel = 2;

  private Table table;
  private double ratio = Double.NaN;

  /** Returns the table of the last call, or null before it. */
  public Table table() {
    return table;
  }

  /** Returns our epoch time over PyTorch's at batch 32 of the last call (NaN if unknown). */
  public double ratio() {
    return ratio;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    if (epochs < 1) {
      throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
    }
    if (batches.isEmpty() || batches.stream().anyMatch(b -> b < 1 || b > trainSize)) {
      throw new IllegalArgumentException("--batches must be in 1.." + trainSize + ": " + batches);
    }
    double jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0;
    EngineSetup.configure();
    try (NDManager probe = Engine.getInstance().newBaseManager()) {
      probe.ones(new ai.djl.ndarray.types.Shape(1)).add(1).close();
    }
    double engineReady = now() - jvmStart;
    stdout.println("engine: " + EngineSetup.describe());
    stdout.println(
        "load average before: " + loadAverage() + " (other processes skew every timing)");
    DataSource source = DataSource.locate(data);
    FashionMnistData dataset = FashionMnistData.load(source);
    Hyperparameters hp =
        new Hyperparameters(1, batches.get(0), 0.01, 42, trainSize, OptimizerKind.SGD);
    DjlBenchmark djl = new DjlBenchmark(dataset, hp);
    double dataReady;
    double firstStep;
    try (NDManager manager = Engine.getInstance().newBaseManager();
        ModelTrainer trainer = djl.trainer(batches.get(0), manager)) {
      dataReady = now() - jvmStart;
      trainer.trainSteps(1);
      firstStep = now() - jvmStart;
    }
    int threads = Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", "1"));
    stdout.printf(
        Locale.ROOT, "data: %s; %d training images, %d thread(s)%n", source, trainSize, threads);

    double gemm = GemmBenchmark.gflopPerSecond(1024, 10);
    stdout.printf(Locale.ROOT, "gemm: %.1f GFLOP/s (1024x1024 float32 matMul through DJL)%n", gemm);

    Map<Integer, DjlBenchmark.Result> ours = new LinkedHashMap<>();
    for (int batch : batches) {
      DjlBenchmark.Result r = djl.run(batch, WARMUP, epochs);
      ours.put(batch, r);
      stdout.printf(
          Locale.ROOT, "djl batch %d: %s s%n", batch, Arrays.toString(round(r.epochSeconds())));
    }

    TorchBenchmark.Result torch = runTorch(djl, source, threads);
    if (torch.missing().isPresent()) {
      stdout.println("pytorch: " + torch.missing().get());
    } else {
      stdout.println("pytorch: " + torch.version() + " from " + python);
    }

    List<BenchRow> rows = new ArrayList<>();
    int[] sizes = Mlp.DEFAULT_SIZES;
    for (int batch : batches) {
      int steps = trainSize / batch;
      double flops = Flops.perStep(sizes, batch) * steps;
      double limit = flops / (gemm * 1e9);
      DjlBenchmark.Result r = ours.get(batch);
      rows.add(
          trainRow(
              "djl",
              batch,
              steps,
              r.median(),
              flops,
              limit,
              r.validation().loss(),
              "DJL " + Engine.getDjlVersion() + ", libtorch " + Engine.getInstance().getVersion()));
      TorchBenchmark.BatchResult t = torch.batches().get(batch);
      if (t != null) {
        rows.add(
            trainRow(
                "pytorch",
                batch,
                steps,
                t.median(),
                flops,
                limit,
                t.valLoss(),
                "torch " + torch.version() + " eager"));
      } else {
        rows.add(
            BenchRow.simple(
                "train", "pytorch", batch, Double.NaN, torch.missing().orElse("no result")));
      }
      rows.add(
          new BenchRow(
              "gemm",
              "djl",
              batch,
              limit,
              trainSize / limit,
              limit / steps * 1000,
              gemm,
              1,
              Double.NaN,
              "same FLOPs as 1024x1024 matMuls"));
    }
    if (parallel > 1) {
      int batch = batches.get(0);
      double wall = djl.parallelEpoch(batch, parallel);
      double alone = ours.get(batch).median();
      rows.add(
          BenchRow.simple(
              "parallel",
              "djl",
              batch,
              wall,
              String.format(
                  Locale.ROOT,
                  "%d trainings of one epoch at once; speed-up %.2f over one after another",
                  parallel,
                  parallel * alone / wall)));
    }
    rows.add(BenchRow.simple("startup", "djl", 0, engineReady, "JVM start to engine ready"));
    rows.add(BenchRow.simple("startup", "djl", 0, dataReady, "JVM start to data ready"));
    rows.add(BenchRow.simple("startup", "djl", 0, firstStep, "JVM start to first step"));
    if (torch.missing().isEmpty()) {
      rows.add(
          BenchRow.simple(
              "startup", "pytorch", 0, torch.engineReady(), "process start to torch imported"));
      rows.add(
          BenchRow.simple(
              "startup", "pytorch", 0, torch.dataReady(), "process start to data ready"));
      rows.add(
          BenchRow.simple(
              "startup", "pytorch", 0, torch.firstStep(), "process start to first step"));
    }

    stdout.println("load average after: " + loadAverage());
    table = BenchTable.of(rows);
    stdout.println();
    stdout.println(Tables.text(table));
    Files.createDirectories(out);
    Path csv = out.resolve("bench.csv");
    table.write().csv(csv.toFile());
    stdout.println("wrote " + csv);
    if (ours.containsKey(32) && torch.batches().containsKey(32)) {
      ratio = ours.get(32).median() / torch.batches().get(32).median();
      stdout.printf(Locale.ROOT, "ratio djl/pytorch at batch 32: %.2f%n", ratio);
    } else {
      stdout.println(
          "ratio djl/pytorch at batch 32: n/a ("
              + (ours.containsKey(32)
                  ? torch.missing().orElse("no PyTorch result")
                  : "batch 32 not benchmarked")
              + ")");
    }
    return 0;
  }

  private TorchBenchmark.Result runTorch(DjlBenchmark djl, DataSource source, int threads)
      throws Exception {
    if (source.localDirectory().isEmpty()) {
      return TorchBenchmark.unavailable("the data is not in a local directory");
    }
    Path dir = Files.createTempDirectory("scaling-lab-bench");
    try {
      djl.writeInitialState(dir, WARMUP + epochs);
      return TorchBenchmark.run(
          python,
          source.localDirectory().get(),
          dir,
          batches,
          epochs,
          trainSize,
          0.01,
          threads,
          600);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static BenchRow trainRow(
      String impl,
      int batch,
      int steps,
      double seconds,
      double flops,
      double limit,
      double valLoss,
      String note) {
    return new BenchRow(
        "train",
        impl,
        batch,
        seconds,
        steps * (double) batch / seconds,
        seconds / steps * 1000,
        flops / seconds / 1e9,
        seconds / limit,
        valLoss,
        note);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }

  private static double[] round(double[] values) {
    return Arrays.stream(values).map(v -> Math.round(v * 1000) / 1000.0).toArray();
  }
}
