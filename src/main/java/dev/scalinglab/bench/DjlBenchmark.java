package dev.scalinglab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.data.Shuffle;
import dev.scalinglab.engine.IntraOpThreads;
import dev.scalinglab.experiment.Scenarios;
import dev.scalinglab.model.Mlp;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.ModelTrainer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Our training loop ({@link ModelTrainer}, scenario A) one epoch at a time, for several batch sizes
 * and intra-op thread counts. Each thread count has its own engine thread (libtorch's count is per
 * thread), and each (batch, threads) pair its own trainer that goes on from epoch to epoch, so its
 * epochs can be interleaved with PyTorch's.
 */
final class DjlBenchmark implements AutoCloseable {

  private final FashionMnistData data;
  private final BenchConfig config;
  private final Map<Integer, ExecutorService> engineThreads = new HashMap<>();
  private final Map<List<Integer>, Run> runs = new HashMap<>();

  private record Run(NDManager manager, ModelTrainer trainer) {}

  DjlBenchmark(FashionMnistData data, BenchConfig config) {
    this.data = data;
    this.config = config;
  }

  private ModelTrainer newTrainer(int batch, NDManager manager) {
    Hyperparameters hp = config.hyperparameters(batch);
    return ModelTrainer.create(data, Scenarios.a(), hp, manager);
  }

  /** Returns the wall seconds of the next epoch of the (batch, threads) run. */
  double epoch(int batch, int threads) throws InterruptedException {
    int steps = config.hyperparameters(batch).stepsPerEpoch();
    return on(
        threads,
        () -> {
          ModelTrainer trainer = run(batch, threads).trainer();
          long start = System.nanoTime();
          trainer.trainSteps(steps);
          return (System.nanoTime() - start) / 1e9;
        });
  }

  /** Returns the validation loss of the (batch, threads) run. */
  double validationLoss(int batch, int threads) throws InterruptedException {
    return on(threads, () -> run(batch, threads).trainer().evaluateValidation().loss());
  }

  /** Returns the median GFLOP/s of n×n matMuls at {@code threads}. */
  double gemm(int threads, int n, int reps) throws InterruptedException {
    return on(threads, () -> GemmBenchmark.gflopPerSecond(n, reps));
  }

  /** Runs one step of a fresh trainer (the start-up's "first step"). */
  void firstStep(int batch) throws InterruptedException {
    on(
        config.threads().get(0),
        () -> {
          try (NDManager manager = Engine.getInstance().newBaseManager();
              ModelTrainer trainer = newTrainer(batch, manager)) {
            trainer.trainSteps(1);
          }
          return 0.0;
        });
  }

  private Run run(int batch, int threads) {
    return runs.computeIfAbsent(
        List.of(batch, threads),
        k -> {
          NDManager manager = Engine.getInstance().newBaseManager();
          return new Run(manager, newTrainer(batch, manager));
        });
  }

  private <T> T on(int threads, Callable<T> task) throws InterruptedException {
    ExecutorService executor =
        engineThreads.computeIfAbsent(
            threads,
            t -> {
              ExecutorService e =
                  Executors.newSingleThreadExecutor(
                      r -> {
                        Thread thread = new Thread(r, "bench-djl-" + t + "-threads");
                        thread.setDaemon(true);
                        return thread;
                      });
              e.submit(() -> IntraOpThreads.apply(t));
              return e;
            });
    try {
      return executor.submit(task).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Returns the wall seconds of {@code trainers} trainings of one epoch each at {@code batch}, one
   * intra-op thread each, run at once (each warmed up by one epoch first).
   */
  double parallelEpoch(int batch, int trainers) throws InterruptedException {
    int steps = config.hyperparameters(batch).stepsPerEpoch();
    CountDownLatch ready = new CountDownLatch(trainers);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(trainers);
    List<Thread> threads = new ArrayList<>();
    RuntimeException[] failure = new RuntimeException[1];
    for (int t = 0; t < trainers; t++) {
      Thread thread =
          new Thread(
              () -> {
                IntraOpThreads.apply(1);
                try (NDManager manager = Engine.getInstance().newBaseManager();
                    ModelTrainer trainer = newTrainer(batch, manager)) {
                  trainer.trainSteps(steps);
                  ready.countDown();
                  go.await();
                  trainer.trainSteps(steps);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                  failure[0] = e;
                  ready.countDown();
                } finally {
                  done.countDown();
                }
              },
              "bench-parallel-" + t);
      threads.add(thread);
      thread.start();
    }
    ready.await();
    long start = System.nanoTime();
    go.countDown();
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failure[0] != null) {
      throw failure[0];
    }
    return seconds;
  }

  /**
   * Writes what the PyTorch script needs to start where we start: {@code weights.bin} (every
   * parameter of the initial model, float32 little-endian, in {@code Mlp.parameters()} order),
   * {@code sizes.txt} (the layer sizes) and {@code order.bin} (the batch orders of epochs 1 to
   * {@code epochs}, one after the other, int32 little-endian: each epoch has its own order, as in
   * {@link ModelTrainer}).
   */
  void writeInitialState(Path dir, int epochs) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int batch = config.batches().get(0);
    on(
        config.threads().get(0),
        () -> {
          try (NDManager manager = Engine.getInstance().newBaseManager();
              ModelTrainer trainer = newTrainer(batch, manager);
              OutputStream out = Files.newOutputStream(dir.resolve("weights.bin"))) {
            for (Parameter p : trainer.model().parameters()) {
              NDArray w = p.getArray();
              out.write(littleEndian(w.toFloatArray()));
            }
          }
          return 0.0;
        });
    Files.writeString(
        dir.resolve("sizes.txt"),
        Arrays.stream(Mlp.DEFAULT_SIZES)
            .mapToObj(String::valueOf)
            .collect(Collectors.joining(",")));
    int n = config.trainSize();
    long seed = config.hyperparameters(batch).seed();
    ByteBuffer buf = ByteBuffer.allocate(epochs * n * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      buf.asIntBuffer().put((epoch - 1) * n, Shuffle.permutation(seed, epoch, n));
    }
    Files.write(dir.resolve("order.bin"), buf.array());
  }

  private static byte[] littleEndian(float[] values) {
    ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values);
    return buf.array();
  }

  /** Closes every trainer on its own engine thread and stops the threads. */
  @Override
  public void close() throws InterruptedException {
    for (Map.Entry<List<Integer>, Run> e : runs.entrySet()) {
      Run run = e.getValue();
      on(
          e.getKey().get(1),
          () -> {
            run.trainer().close();
            run.manager().close();
            return 0.0;
          });
    }
    runs.clear();
    engineThreads.values().forEach(ExecutorService::shutdown);
  }
}
