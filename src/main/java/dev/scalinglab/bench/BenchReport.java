package dev.scalinglab.bench;

import dev.scalinglab.model.Mlp;
import dev.scalinglab.report.Charts;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;

/** Turns {@link Measurements} into the benchmark's table, ratio lines, chart and markdown. */
final class BenchReport {

  /** The batch size of the headline ratio (the question's). */
  static final int HEADLINE_BATCH = 32;

  private final Measurements m;

  private BenchReport(Measurements m) {
    this.m = m;
  }

  static BenchResult of(Measurements m) {
    BenchReport r = new BenchReport(m);
    List<String> ratioLines = r.ratioLines();
    Optional<Measurements.Torch> fastest = r.fastestTorch(HEADLINE_BATCH, 1);
    OptionalDouble headline =
        fastest
            .map(t -> OptionalDouble.of(r.ratio(t, HEADLINE_BATCH, 1).median()))
            .orElse(OptionalDouble.empty());
    String headlineLine =
        headline.isPresent()
            ? String.format(
                Locale.ROOT,
                "ratio djl/pytorch at batch %d: %.2f",
                HEADLINE_BATCH,
                headline.getAsDouble())
            : "ratio djl/pytorch at batch " + HEADLINE_BATCH + ": n/a (" + r.whyNoHeadline() + ")";
    return new BenchResult(
        m.machine(),
        BenchTable.of(m.machine(), m.load(), r.rows()),
        ratioLines,
        headline,
        headlineLine,
        r.chart(),
        BenchMarkdown.of(m, r));
  }

  /** Returns the round seconds of (impl, batch, threads), or null if not measured. */
  double[] seconds(String impl, int batch, int threads) {
    return m.roundSeconds().get(new Measurements.Key(impl, batch, threads));
  }

  /** Returns the spread of the per-round ratios djl / {@code torch}, or null. */
  Spread ratio(Measurements.Torch torch, int batch, int threads) {
    double[] ours = seconds("djl", batch, threads);
    double[] theirs = seconds(torch.source().label(), batch, threads);
    return ours == null || theirs == null ? null : Spread.of(Spread.ratios(ours, theirs));
  }

  /** Returns the PyTorch column with the lowest median epoch time at (batch, threads). */
  Optional<Measurements.Torch> fastestTorch(int batch, int threads) {
    return m.available().stream()
        .filter(t -> seconds(t.source().label(), batch, threads) != null)
        .min(
            Comparator.comparingDouble(
                t -> Spread.of(seconds(t.source().label(), batch, threads)).median()));
  }

  private String whyNoHeadline() {
    if (!m.config().batches().contains(HEADLINE_BATCH)) {
      return "batch " + HEADLINE_BATCH + " not benchmarked";
    }
    if (!m.config().threads().contains(1)) {
      return "1 thread not benchmarked";
    }
    return m.torches().stream()
        .map(t -> t.source().label() + ": " + (t.missing() == null ? "no result" : t.missing()))
        .reduce((a, b) -> a + "; " + b)
        .orElse("no PyTorch");
  }

  private List<String> ratioLines() {
    List<String> lines = new ArrayList<>();
    for (Measurements.Torch t : m.torches()) {
      if (t.missing() != null) {
        lines.add("ratio djl/" + t.source().label() + ": n/a (" + t.missing() + ")");
        continue;
      }
      for (int threads : m.config().threads()) {
        for (int batch : m.config().batches()) {
          Spread s = ratio(t, batch, threads);
          if (s != null) {
            lines.add(
                String.format(
                    Locale.ROOT,
                    "ratio djl/%s (torch %s) at batch %d, %d thread%s: %s over %d rounds%s",
                    t.source().label(),
                    t.version(),
                    batch,
                    threads,
                    threads == 1 ? "" : "s",
                    s.format(2),
                    s.count(),
                    s.below(1) ? ", faster in every round" : ""));
          }
        }
      }
    }
    return lines;
  }

  private List<BenchTable.Row> rows() {
    List<BenchTable.Row> rows = new ArrayList<>();
    for (int threads : m.config().threads()) {
      for (int batch : m.config().batches()) {
        rows.add(trainRow("djl", batch, threads, null, m.djlVersion()));
        for (Measurements.Torch t : m.torches()) {
          String label = t.source().label();
          if (t.missing() != null) {
            rows.add(
                new BenchTable.Train(
                    label,
                    threads,
                    batch,
                    null,
                    stepsPerEpoch(batch),
                    flopsPerEpoch(batch),
                    limitSeconds(batch, threads),
                    null,
                    OptionalDouble.empty(),
                    t.missing()));
          } else {
            rows.add(
                trainRow(
                    label,
                    batch,
                    threads,
                    ratio(t, batch, threads),
                    "torch " + t.version() + " eager, " + t.source().python()));
          }
        }
        rows.add(new BenchTable.GemmLimit(threads, batch, limitSeconds(batch, threads)));
      }
    }
    m.parallelSeconds()
        .ifPresent(
            seconds -> {
              int batch = m.config().batches().get(0);
              double[] alone = seconds("djl", batch, 1);
              int trainings = m.config().parallel();
              OptionalDouble speedUp =
                  alone == null
                      ? OptionalDouble.empty()
                      : OptionalDouble.of(trainings * Spread.of(alone).median() / seconds);
              rows.add(new BenchTable.Parallel(trainings, batch, seconds, speedUp));
            });
    for (Map.Entry<String, Double> e : m.startup().entrySet()) {
      String key = e.getKey();
      int colon = key.indexOf(": ");
      String impl = colon < 0 ? "djl" : key.substring(0, colon);
      rows.add(
          new BenchTable.Startup(impl, colon < 0 ? key : key.substring(colon + 2), e.getValue()));
    }
    return rows;
  }

  /** Returns the seconds the FLOPs of one epoch take at the GEMM rate of {@code threads}. */
  double limitSeconds(int batch, int threads) {
    return flopsPerEpoch(batch) / (m.machine().gemmGflops().get(threads) * 1e9);
  }

  private double flopsPerEpoch(int batch) {
    return Flops.perStep(Mlp.DEFAULT_SIZES, batch) * stepsPerEpoch(batch);
  }

  private int stepsPerEpoch(int batch) {
    return m.config().trainSize() / batch;
  }

  /** Returns the train row of (impl, batch, threads); "no result" if it has no rounds. */
  private BenchTable.Train trainRow(
      String impl, int batch, int threads, Spread ratio, String note) {
    double[] rounds = seconds(impl, batch, threads);
    Double valLoss = m.validationLoss().get(new Measurements.Key(impl, batch, threads));
    return new BenchTable.Train(
        impl,
        threads,
        batch,
        rounds == null ? null : Spread.of(rounds),
        stepsPerEpoch(batch),
        flopsPerEpoch(batch),
        limitSeconds(batch, threads),
        rounds == null ? null : ratio,
        valLoss == null ? OptionalDouble.empty() : OptionalDouble.of(valLoss),
        rounds == null ? "no result" : note);
  }

  private BufferedImage chart() {
    int batch = m.config().batches().get(0);
    XYChart chart =
        Charts.newChart(
            "Epoch time per round at batch " + batch + " (interleaved)",
            "round",
            "seconds per epoch",
            Charts.WIDTH);
    for (Map.Entry<Measurements.Key, double[]> e : m.roundSeconds().entrySet()) {
      Measurements.Key k = e.getKey();
      if (k.batch() != batch) {
        continue;
      }
      double[] y = e.getValue();
      double[] x = IntStream.rangeClosed(1, y.length).asDoubleStream().toArray();
      chart.addSeries(k.implementation() + ", " + k.threads() + " thr", x, y);
    }
    return Charts.image(chart);
  }
}
