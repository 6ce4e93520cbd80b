package dev.scalinglab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.data.Shuffle;
import dev.scalinglab.train.Evaluation;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.LrMultipliers;
import dev.scalinglab.train.ModelTrainer;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Times our training loop ({@link ModelTrainer}, scenario A) on whole epochs. */
public final class DjlBenchmark {

  /** Median epoch seconds, and the validation metrics after the last epoch. */
  public record Result(int batch, double[] epochSeconds, double median, Evaluation validation) {}

  private final FashionMnistData data;
  private final Hyperparameters base;

  /** Benchmarks with {@code base}'s learning rate, seed and train size. */
  public DjlBenchmark(FashionMnistData data, Hyperparameters base) {
    this.data = data;
    this.base = base;
  }

  /** Returns a trainer of scenario A at {@code batch}, owned by {@code manager}. */
  public ModelTrainer trainer(int batch, NDManager manager) {
    return new ModelTrainer(
        "A",
        data.train(),
        data.validation(),
        1f,
        LrMultipliers.NONE,
        base.withBatchSize(batch),
        manager);
  }

  /** Trains {@code warmup} untimed then {@code epochs} timed epochs at {@code batch}. */
  public Result run(int batch, int warmup, int epochs) {
    try (NDManager manager = Engine.getInstance().newBaseManager();
        ModelTrainer trainer = trainer(batch, manager)) {
      int steps = base.withBatchSize(batch).stepsPerEpoch();
      for (int i = 0; i < warmup; i++) {
        trainer.trainSteps(steps);
      }
      double[] seconds = new double[epochs];
      for (int i = 0; i < epochs; i++) {
        long start = System.nanoTime();
        trainer.trainSteps(steps);
        seconds[i] = (System.nanoTime() - start) / 1e9;
      }
      return new Result(batch, seconds, median(seconds), trainer.evaluateValidation());
    }
  }

  /**
   * Returns the wall seconds of {@code trainers} trainings of one epoch each at {@code batch}, run
   * at once on as many threads (each warmed up by one epoch first).
   */
  public double parallelEpoch(int batch, int trainers) throws InterruptedException {
    int steps = base.withBatchSize(batch).stepsPerEpoch();
    CountDownLatch ready = new CountDownLatch(trainers);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(trainers);
    List<Thread> threads = new ArrayList<>();
    RuntimeException[] failure = new RuntimeException[1];
    for (int t = 0; t < trainers; t++) {
      Thread thread =
          new Thread(
              () -> {
                try (NDManager manager = Engine.getInstance().newBaseManager();
                    ModelTrainer trainer = trainer(batch, manager)) {
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
              "bench-trainer-" + t);
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
   * parameter of the initial model, float32 little-endian, in {@code Mlp.parameters()} order) and
   * {@code order.bin} (the batch orders of epochs 1 to {@code epochs}, one after the other, int32
   * little-endian: each epoch has its own order, as in {@link ModelTrainer}).
   */
  public void writeInitialState(Path dir, int epochs) throws IOException {
    Files.createDirectories(dir);
    try (NDManager manager = Engine.getInstance().newBaseManager();
        ModelTrainer trainer = trainer(base.batchSize(), manager);
        OutputStream out = Files.newOutputStream(dir.resolve("weights.bin"))) {
      for (Parameter p : trainer.model().parameters()) {
        NDArray w = p.getArray();
        out.write(littleEndian(w.toFloatArray()));
      }
    }
    ByteBuffer buf =
        ByteBuffer.allocate(epochs * base.trainSize() * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      buf.asIntBuffer()
          .put(
              (epoch - 1) * base.trainSize(),
              Shuffle.permutation(base.seed(), epoch, base.trainSize()));
    }
    try (DataOutputStream out =
        new DataOutputStream(Files.newOutputStream(dir.resolve("order.bin")))) {
      out.write(buf.array());
    }
  }

  private static byte[] littleEndian(float[] values) {
    ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values);
    return buf.array();
  }

  /** Returns the median of {@code values}. */
  public static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
