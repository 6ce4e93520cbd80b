package dev.scalinglab.bench;

import dev.scalinglab.data.DataSource;
import dev.scalinglab.train.Hyperparameters;
import java.nio.file.Path;
import java.util.List;

/**
 * What to benchmark. Learning rate and seed are the question's ({@link Hyperparameters#QUESTION}).
 *
 * @param data where the Fashion-MNIST files are
 * @param batches batch sizes, each in 1..trainSize
 * @param threads intra-op thread counts, each >= 1 (both sides get the same)
 * @param rounds timed epochs per configuration, interleaved between implementations, >= 1
 * @param warmup untimed epochs per configuration before the rounds, >= 0
 * @param trainSize training images per epoch, 1..55000
 * @param pythons Pythons to compare with; empty = Debian's and the project's .venv
 * @param projectDir where to look for {@code .venv}
 * @param parallel trainings at once for the parallel row, 0 or 1 = no such row
 * @param timeoutSeconds longest wait for any answer of a PyTorch worker
 */
public record BenchConfig(
    DataSource data,
    List<Integer> batches,
    List<Integer> threads,
    int rounds,
    int warmup,
    int trainSize,
    List<Path> pythons,
    Path projectDir,
    int parallel,
    double timeoutSeconds) {

  /** The defaults of the {@code bench} command on {@code data}. */
  public static BenchConfig defaults(DataSource data) {
    return new BenchConfig(
        data, List.of(32, 256, 1024), List.of(1, 2), 5, 1, 55_000, List.of(), Path.of(""), 2, 600);
  }

  /** Validates every field with a message naming the option. */
  public BenchConfig {
    batches = List.copyOf(batches);
    threads = List.copyOf(threads);
    pythons = List.copyOf(pythons);
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
    }
    if (trainSize < 1 || trainSize > 55_000) {
      throw new IllegalArgumentException("--train-size must be in 1..55000, got " + trainSize);
    }
    if (batches.isEmpty() || batches.stream().anyMatch(b -> b == null || b < 1 || b > trainSize)) {
      throw new IllegalArgumentException("--batches must be in 1.." + trainSize + ": " + batches);
    }
    if (threads.isEmpty() || threads.stream().anyMatch(t -> t == null || t < 1 || t > 256)) {
      throw new IllegalArgumentException("--threads must be in 1..256: " + threads);
    }
    if (parallel < 0) {
      throw new IllegalArgumentException("--parallel must be >= 0, got " + parallel);
    }
    if (!(timeoutSeconds > 0)) {
      throw new IllegalArgumentException("timeout must be > 0 s, got " + timeoutSeconds);
    }
  }

  /** Returns the hyper-parameters of scenario A at {@code batch} on this training size. */
  public Hyperparameters hyperparameters(int batch) {
    Hyperparameters q = Hyperparameters.QUESTION;
    return new Hyperparameters(1, batch, q.learningRate(), q.seed(), trainSize, q.optimizer());
  }

  /** Returns a copy with other batch sizes, thread counts, rounds and training size. */
  public BenchConfig with(List<Integer> batches, List<Integer> threads, int rounds, int trainSize) {
    return new BenchConfig(
        data,
        batches,
        threads,
        rounds,
        warmup,
        trainSize,
        pythons,
        projectDir,
        parallel,
        timeoutSeconds);
  }

  /** Returns a copy with other Pythons, parallel trainings and timeout. */
  public BenchConfig withPythons(List<Path> pythons, int parallel, double timeoutSeconds) {
    return new BenchConfig(
        data,
        batches,
        threads,
        rounds,
        warmup,
        trainSize,
        pythons,
        projectDir,
        parallel,
        timeoutSeconds);
  }
}
