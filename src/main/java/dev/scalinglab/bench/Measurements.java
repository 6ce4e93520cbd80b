package dev.scalinglab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one benchmark run measured, before it is turned into tables (see {@link BenchReport}). */
final class Measurements {

  /** One implementation at one batch size and thread count. */
  record Key(String implementation, int batch, int threads) {}

  /** A PyTorch column: its source, the version it reported, or why it is missing. */
  record Torch(TorchSource source, String version, String missing) {}

  final BenchConfig config;
  final List<Torch> torches = new ArrayList<>();
  final Map<Key, double[]> roundSeconds = new LinkedHashMap<>();
  final Map<Key, Double> validationLoss = new LinkedHashMap<>();
  final Map<String, Double> startup = new LinkedHashMap<>();
  Machine machine;
  String engine;
  String djlVersion;
  double parallelSeconds = Double.NaN;

  Measurements(BenchConfig config) {
    this.config = config;
  }

  /** Records round {@code round}'s epoch seconds of {@code key}. */
  void record(Key key, int round, double seconds) {
    roundSeconds.computeIfAbsent(key, k -> new double[config.rounds()])[round] = seconds;
  }

  /** Returns the PyTorch columns that ran to the end. */
  List<Torch> available() {
    return torches.stream().filter(t -> t.missing() == null).toList();
  }
}
