package dev.scalinglab.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What one benchmark run measured, gathered once at its end by {@link Benchmark} and turned into
 * tables by {@link BenchReport}.
 *
 * @param config what was asked for
 * @param machine CPU, cores and GEMM rates
 * @param load the load average before and after
 * @param djlVersion e.g. "DJL 0.36.0, libtorch 2.7.1"
 * @param djlBlas the BLAS our side's matrix products run on ({@link BlasPath#ofThisJvm})
 * @param torches every PyTorch column asked for, with its version or why it is missing
 * @param roundSeconds epoch seconds per timed round, by implementation, batch and threads
 * @param validationLoss validation loss after the rounds, by implementation, batch and threads
 * @param startup seconds from process start, by event ("JVM start to first step", "pytorch-venv:
 *     process start to torch imported", ...)
 * @param parallelSeconds wall seconds of the parallel row, empty when not run
 */
record Measurements(
    BenchConfig config,
    Machine machine,
    Machine.Load load,
    String djlVersion,
    String djlBlas,
    List<Torch> torches,
    Map<Key, double[]> roundSeconds,
    Map<Key, Double> validationLoss,
    Map<String, Double> startup,
    OptionalDouble parallelSeconds) {

  /** One implementation at one batch size and thread count. */
  record Key(String implementation, int batch, int threads) {}

  /**
   * A PyTorch column: its source, the version and BLAS it reported, or why it is missing (else
   * null).
   */
  record Torch(TorchSource source, String version, String blas, String missing) {}

  /** Copies the lists and maps, keeping their order. */
  Measurements {
    torches = List.copyOf(torches);
    roundSeconds = ordered(roundSeconds);
    validationLoss = ordered(validationLoss);
    startup = ordered(startup);
  }

  private static <K, V> Map<K, V> ordered(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** Returns the PyTorch columns that ran to the end. */
  List<Torch> available() {
    return torches.stream().filter(t -> t.missing() == null).toList();
  }
}
