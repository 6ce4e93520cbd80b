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

  private Benchmark() {}

  /** Runs the benchmark, reporting progress lines to {@code log}, and returns its result. */
  public static BenchResult run(BenchConfig config, Consumer<String> log)
      throws IOException, InterruptedException {
    double jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0;
    Measurements m = new Measurements(config);
    EngineSetup.configure();
    try (NDManager probe = Engine.getInstance().newBaseManager()) {
      probe.ones(new Shape(1)).add(1).close();
    }
    m.startup.put("JVM start to engine ready", now() - jvmStart);
    m.engine = EngineSetup.describe();
    m.djlVersion =
        "DJL " + Engine.getDjlVersion() + ", libtorch " + Engine.getInstance().getVersion();
    String loadBefore = Machine.loadAverage();
    log.accept("load average before: " + loadBefore + " (other processes skew every timing)");
    FashionMnistData data = FashionMnistData.load(config.data());
    m.startup.put("JVM start to data ready", now() - jvmStart);
    Map<TorchSource, TorchWorker> workers = new LinkedHashMap<>();
    Path initDir = Files.createTempDirectory("scaling-lab-bench");
    try (DjlBenchmark djl = new DjlBenchmark(data, config)) {
      djl.firstStep(config.batches().get(0));
      m.startup.put("JVM start to first step", now() - jvmStart);
      Map<Integer, Double> gemm = new LinkedHashMap<>();
      for (int t : config.threads()) {
        gemm.put(t, djl.gemm(t, GEMM_SIZE, GEMM_REPS));
      }
      m.machine =
          new Machine(
              Machine.readCpuModel(),
              Runtime.getRuntime().availableProcessors(),
              gemm,
              loadBefore,
              "");
      log.accept("machine: " + m.machine.describe());
      log.accept("djl BLAS/GEMM: " + BlasPath.ofThisJvm());
      startTorch(config, djl, initDir, m, workers, log);
      measure(config, djl, m, workers, log);
      if (config.parallel() > 1) {
        int batch = config.batches().get(0);
        m.parallelSeconds = djl.parallelEpoch(batch, config.parallel());
      }
    } finally {
      workers.values().forEach(TorchWorker::close);
      deleteTree(initDir);
    }
    String loadAfter = Machine.loadAverage();
    log.accept("load average after: " + loadAfter);
    m.machine =
        new Machine(
            m.machine.cpuModel(), m.machine.cores(), m.machine.gemmGflops(), loadBefore, loadAfter);
    return BenchReport.of(m);
  }

  private static void startTorch(
      BenchConfig config,
      DjlBenchmark djl,
      Path initDir,
      Measurements m,
      Map<TorchSource, TorchWorker> workers,
      Consumer<String> log)
      throws IOException, InterruptedException {
    List<TorchSource> sources = TorchSource.choose(config.pythons(), config.projectDir());
    if (config.data().localDirectory().isEmpty()) {
      for (TorchSource s : sources) {
        m.torches.add(new Measurements.Torch(s, "", "the data is not in a local directory"));
      }
      return;
    }
    djl.writeInitialState(initDir, config.warmup() + config.rounds());
    int maxThreads = Collections.max(config.threads());
    for (TorchSource s : sources) {
      log.accept(
          String.format(
              java.util.Locale.ROOT,
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
        m.torches.add(new Measurements.Torch(s, w.version(), null));
        m.startup.put(s.label() + ": process start to torch imported", w.importSeconds());
        m.startup.put(s.label() + ": process start to data ready", w.dataSeconds());
        log.accept(
            s.label() + ": torch " + w.version() + " from " + s.python() + " (" + s.origin() + ")");
        log.accept(s.label() + " BLAS/GEMM: " + w.blas());
      } catch (TorchUnavailableException e) {
        m.torches.add(new Measurements.Torch(s, "", e.getMessage()));
        log.accept(s.label() + ": missing, " + e.getMessage());
      }
    }
  }

  private static void measure(
      BenchConfig config,
      DjlBenchmark djl,
      Measurements m,
      Map<TorchSource, TorchWorker> workers,
      Consumer<String> log)
      throws InterruptedException {
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
            double seconds = epoch(impl, batch, threads, djl, m, workers, log);
            if (round >= 0 && !Double.isNaN(seconds)) {
              m.record(new Measurements.Key(impl, batch, threads), round, seconds);
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
        m.validationLoss.put(
            new Measurements.Key("djl", batch, threads), djl.validationLoss(batch, threads));
        for (Map.Entry<TorchSource, TorchWorker> e : new ArrayList<>(workers.entrySet())) {
          try {
            m.validationLoss.put(
                new Measurements.Key(e.getKey().label(), batch, threads),
                e.getValue().validationLoss(batch, threads));
          } catch (TorchUnavailableException ex) {
            drop(e.getKey(), ex.getMessage(), m, workers, log);
          }
        }
      }
    }
  }

  /** Returns one epoch's seconds, or NaN if that PyTorch column has dropped out. */
  private static double epoch(
      String impl,
      int batch,
      int threads,
      DjlBenchmark djl,
      Measurements m,
      Map<TorchSource, TorchWorker> workers,
      Consumer<String> log)
      throws InterruptedException {
    if (impl.equals("djl")) {
      return djl.epoch(batch, threads);
    }
    for (Map.Entry<TorchSource, TorchWorker> e : workers.entrySet()) {
      if (e.getKey().label().equals(impl)) {
        try {
          return e.getValue().epoch(batch, threads).seconds();
        } catch (TorchUnavailableException ex) {
          drop(e.getKey(), ex.getMessage(), m, workers, log);
          return Double.NaN;
        }
      }
    }
    return Double.NaN; // dropped earlier
  }

  private static void drop(
      TorchSource source,
      String why,
      Measurements m,
      Map<TorchSource, TorchWorker> workers,
      Consumer<String> log) {
    TorchWorker w = workers.remove(source);
    if (w != null) {
      w.close();
    }
    m.torches.replaceAll(
        t -> t.source().equals(source) ? new Measurements.Torch(source, t.version(), why) : t);
    m.roundSeconds.keySet().removeIf(k -> k.implementation().equals(source.label()));
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
