package dev.scalinglab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.engine.EngineSetup;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Times our training loop against eager PyTorch on the same data, initial weights, batch orders and
 * thread counts, in interleaved rounds (ours, PyTorch, ours, PyTorch, ...: one epoch each per
 * round), so that a load change on a shared machine hits both sides alike; the verdict is the
 * median of the per-round ratios, with their range.
 *
 * <p>Use: {@code BenchResult r = Benchmark.run(BenchConfig.defaults(DataSource.locate()),
 * System.out::println);}
 */
public final class Benchmark {

  private static final int GEMM_SIZE = 1024;
  private static final int GEMM_REPS = 10;

  private final BenchConfig config;
  private final Consumer<String> log;
  private final double jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0;
  // What the run measures, filled as it goes; Measurements copies it once at the end.
  private final List<Measurements.Torch> torches = new ArrayList<>();
  private final Map<TorchSource, TorchWorker> workers = new LinkedHashMap<>();
  private final Map<Measurements.Key, double[]> roundSeconds = new LinkedHashMap<>();
  private final Map<Measurements.Key, Double> validationLoss = new LinkedHashMap<>();
  private final Map<String, Double> startup = new LinkedHashMap<>();

  private Benchmark(BenchConfig config, Consumer<String> log) {
    this.config = config;
    this.log = log;
  }

  /** Runs the benchmark, reporting progress lines to {@code log}, and returns its result. */
  public static BenchResult run(BenchConfig config, Consumer<String> log)
      throws IOException, InterruptedException {
    return BenchReport.of(new Benchmark(config, log).measure());
  }

  private Measurements measure() throws IOException, InterruptedException {
    EngineSetup.configure();
    try (NDManager probe = Engine.getInstance().newBaseManager()) {
      probe.ones(new Shape(1)).add(1).close();
    }
    startup.put("JVM start to engine ready", now() - jvmStart);
    String djlVersion =
        "DJL " + Engine.getDjlVersion() + ", libtorch " + Engine.getInstance().getVersion();
    String loadBefore = Machine.loadAverage();
    log.accept("load average before: " + loadBefore + " (other processes skew every timing)");
    FashionMnistData data = FashionMnistData.load(config.data());
    startup.put("JVM start to data ready", now() - jvmStart);
    Path initDir = Files.createTempDirectory("scaling-lab-bench");
    Machine machine;
    String djlBlas;
    OptionalDouble parallelSeconds = OptionalDouble.empty();
    try (DjlBenchmark djl = new DjlBenchmark(data, config)) {
      djl.firstStep(config.batches().get(0));
      startup.put("JVM start to first step", now() - jvmStart);
      Map<Integer, Double> gemm = new LinkedHashMap<>();
      for (int t : config.threads()) {
        gemm.put(t, djl.gemm(t, GEMM_SIZE, GEMM_REPS));
      }
      machine =
          new Machine(Machine.readCpuModel(), Runtime.getRuntime().availableProcessors(), gemm);
      log.accept("machine: " + machine.describe());
      djlBlas = BlasPath.ofThisJvm();
      log.accept("djl BLAS/GEMM: " + djlBlas);
      startTorch(djl, initDir);
      rounds(djl);
      if (config.parallel() > 1) {
        int batch = config.batches().get(0);
        parallelSeconds = OptionalDouble.of(djl.parallelEpoch(batch, config.parallel()));
      }
    } finally {
      workers.values().forEach(TorchWorker::close);
      deleteTree(initDir);
    }
    String loadAfter = Machine.loadAverage();
    log.accept("load average after: " + loadAfter);
    return new Measurements(
        config,
        machine,
        new Machine.Load(loadBefore, loadAfter),
        djlVersion,
        djlBlas,
        torches,
        roundSeconds,
        validationLoss,
        startup,
        parallelSeconds);
  }

  private void startTorch(DjlBenchmark djl, Path initDir) throws IOException, InterruptedException {
    List<TorchSource> sources = TorchSource.choose(config.pythons(), config.projectDir());
    if (config.data().localDirectory().isEmpty()) {
      for (TorchSource s : sources) {
        torches.add(new Measurements.Torch(s, "", "", "the data is not in a local directory"));
      }
      return;
    }
    djl.writeInitialState(initDir, config.warmup() + config.rounds());
    int maxThreads = Collections.max(config.threads());
    for (TorchSource s : sources) {
      log.accept(
          String.format(
              Locale.ROOT,
              "%s: waiting up to %.0f s for %s to import torch and load the data",
              s.label(),
              Math.min(TorchWorker.STARTUP_SECONDS, config.timeoutSeconds()),
              s.python()));
      try {
        TorchWorker w =
            TorchWorker.start(
                s,
                config.data().localDirectory().get(),
                initDir,
                config.trainSize(),
                config.hyperparameters(32).learningRate(),
                maxThreads,
                config.timeoutSeconds(),
                TorchWorker.STARTUP_SECONDS);
        workers.put(s, w);
        torches.add(new Measurements.Torch(s, w.version(), w.blas(), null));
        startup.put(s.label() + ": process start to torch imported", w.importSeconds());
        startup.put(s.label() + ": process start to data ready", w.dataSeconds());
        log.accept(
            s.label() + ": torch " + w.version() + " from " + s.python() + " (" + s.origin() + ")");
        log.accept(s.label() + " BLAS/GEMM: " + w.blas());
      } catch (TorchUnavailableException e) {
        torches.add(new Measurements.Torch(s, "", "", e.getMessage()));
        log.accept(s.label() + ": missing, " + e.getMessage());
      }
    }
  }

  /** Runs the warm-up and timed rounds, then reads every run's validation loss. */
  private void rounds(DjlBenchmark djl) throws InterruptedException {
    List<String> order = new ArrayList<>();
    order.add("djl");
    workers.keySet().forEach(s -> order.add(s.label()));
    for (int round = -config.warmup(); round < config.rounds(); round++) {
      for (int threads : config.threads()) {
        for (int batch : config.batches()) {
          // Who goes first alternates from round to round.
          List<String> turn = new ArrayList<>(order);
          Collections.rotate(turn, Math.floorMod(round, turn.size()));
          StringBuilder line = new StringBuilder();
          for (String impl : turn) {
            double seconds = epoch(impl, batch, threads, djl);
            if (round >= 0 && !Double.isNaN(seconds)) {
              roundSeconds
                      .computeIfAbsent(
                          new Measurements.Key(impl, batch, threads),
                          k -> new double[config.rounds()])[round] =
                  seconds;
              line.append(String.format(Locale.ROOT, "  %s %.3f s", impl, seconds));
            }
          }
          if (round >= 0) {
            log.accept(
                String.format(
                    Locale.ROOT,
                    "round %d/%d, batch %d, %d thread(s):%s",
                    round + 1,
                    config.rounds(),
                    batch,
                    threads,
                    line));
          }
        }
      }
    }
    for (int threads : config.threads()) {
      for (int batch : config.batches()) {
        validationLoss.put(
            new Measurements.Key("djl", batch, threads), djl.validationLoss(batch, threads));
        for (Map.Entry<TorchSource, TorchWorker> e : new ArrayList<>(workers.entrySet())) {
          try {
            validationLoss.put(
                new Measurements.Key(e.getKey().label(), batch, threads),
                e.getValue().validationLoss(batch, threads));
          } catch (TorchUnavailableException ex) {
            drop(e.getKey(), ex.getMessage());
          }
        }
      }
    }
  }

  /** Returns one epoch's seconds, or NaN if that PyTorch column has dropped out. */
  private double epoch(String impl, int batch, int threads, DjlBenchmark djl)
      throws InterruptedException {
    if (impl.equals("djl")) {
      return djl.epoch(batch, threads);
    }
    for (Map.Entry<TorchSource, TorchWorker> e : workers.entrySet()) {
      if (e.getKey().label().equals(impl)) {
        try {
          return e.getValue().epoch(batch, threads).seconds();
        } catch (TorchUnavailableException ex) {
          drop(e.getKey(), ex.getMessage());
          return Double.NaN;
        }
      }
    }
    return Double.NaN; // dropped earlier
  }

  /** Stops a PyTorch column that failed: its rows say why, and its earlier rounds are dropped. */
  private void drop(TorchSource source, String why) {
    TorchWorker w = workers.remove(source);
    if (w != null) {
      w.close();
    }
    torches.replaceAll(
        t ->
            t.source().equals(source)
                ? new Measurements.Torch(source, t.version(), t.blas(), why)
                : t);
    roundSeconds.keySet().removeIf(k -> k.implementation().equals(source.label()));
    log.accept(source.label() + ": dropped, " + why);
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(dir);
  }
}
