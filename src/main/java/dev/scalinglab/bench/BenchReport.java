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
import org.knowm.xchart.BitmapEncoder;
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
        m.machine,
        BenchTable.of(r.rows()),
        ratioLines,
        headline,
        headlineLine,
        r.chart(),
        BenchMarkdown.of(m, r));
  }

  /** Returns the round seconds of (impl, batch, threads), or null if not measured. */
  double[] seconds(String impl, int batch, int threads) {
    return m.roundSeconds.get(new Measurements.Key(impl, batch, threads));
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
    if (!m.config.batches().contains(HEADLINE_BATCH)) {
      return "batch " + HEADLINE_BATCH + " not benchmarked";
    }
    if (!m.config.threads().contains(1)) {
      return "1 thread not benchmarked";
    }
    return m.torches.stream()
        .map(t -> t.source().label() + ": " + (t.missing() == null ? "no result" : t.missing()))
        .reduce((a, b) -> a + "; " + b)
        .orElse("no PyTorch");
  }

  private List<String> ratioLines() {
    List<String> lines = new ArrayList<>();
    for (Measurements.Torch t : m.torches) {
      if (t.missing() != null) {
        lines.add("ratio djl/" + t.source().label() + ": n/a (" + t.missing() + ")");
        continue;
      }
      for (int threads : m.config.threads()) {
        for (int batch : m.config.batches()) {
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

  private List<BenchRow> rows() {
    List<BenchRow> rows = new ArrayList<>();
    Machine machine = m.machine;
    rows.add(
        BenchRow.simple(
            "machine",
            "cpu",
            0,
            0,
            Double.NaN,
            machine.cpuModel() + ", " + machine.cores() + " cores"));
    machine
        .gemmGflops()
        .forEach(
            (threads, rate) ->
                rows.add(
                    new BenchRow(
                        "machine",
                        "gemm",
                        threads,
                        0,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        rate,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        "1024x1024 float32 matMul through DJL")));
    rows.add(
        BenchRow.simple(
            "machine",
            "load",
            0,
            0,
            Double.NaN,
            "load average before: " + machine.loadBefore() + "; after: " + machine.loadAfter()));
    for (int threads : m.config.threads()) {
      for (int batch : m.config.batches()) {
        rows.add(trainRow("djl", batch, threads, null, m.djlVersion));
        for (Measurements.Torch t : m.torches) {
          String label = t.source().label();
          if (t.missing() != null) {
            rows.add(BenchRow.simple("train", label, threads, batch, Double.NaN, t.missing()));
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
        double limit = limitSeconds(batch, threads);
        rows.add(
            BenchRow.simple(
                "gemm", "djl", threads, batch, limit, "same FLOPs as 1024x1024 matMuls"));
      }
    }
    if (!Double.isNaN(m.parallelSeconds)) {
      int batch = m.config.batches().get(0);
      double[] alone = seconds("djl", batch, 1);
      String speedUp =
          alone == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  "; speed-up %.2f over one after another",
                  m.config.parallel() * Spread.of(alone).median() / m.parallelSeconds);
      rows.add(
          BenchRow.simple(
              "parallel",
              "djl",
              1,
              batch,
              m.parallelSeconds,
              m.config.parallel() + " trainings of one epoch at once, 1 thread each" + speedUp));
    }
    for (Map.Entry<String, Double> e : m.startup.entrySet()) {
      String key = e.getKey();
      int colon = key.indexOf(": ");
      String impl = colon < 0 ? "djl" : key.substring(0, colon);
      rows.add(
          BenchRow.simple(
              "startup", impl, 0, 0, e.getValue(), colon < 0 ? key : key.substring(colon + 2)));
    }
    return rows;
  }

  /** Returns the seconds the FLOPs of one epoch take at the GEMM rate of {@code threads}. */
  double limitSeconds(int batch, int threads) {
    int steps = m.config.trainSize() / batch;
    double flops = Flops.perStep(Mlp.DEFAULT_SIZES, batch) * steps;
    return flops / (m.machine.gemmGflops().get(threads) * 1e9);
  }

  private BenchRow trainRow(String impl, int batch, int threads, Spread ratio, String note) {
    double[] rounds = seconds(impl, batch, threads);
    Double valLoss = m.validationLoss.get(new Measurements.Key(impl, batch, threads));
    double nan = Double.NaN;
    if (rounds == null) {
      return BenchRow.simple("train", impl, threads, batch, nan, "no result");
    }
    Spread s = Spread.of(rounds);
    int steps = m.config.trainSize() / batch;
    double flops = Flops.perStep(Mlp.DEFAULT_SIZES, batch) * steps;
    return new BenchRow(
        "train",
        impl,
        threads,
        batch,
        s.median(),
        s.min(),
        s.max(),
        s.median() / steps * 1000,
        flops / s.median() / 1e9,
        s.median() / limitSeconds(batch, threads),
        ratio == null ? nan : ratio.median(),
        ratio == null ? nan : ratio.min(),
        ratio == null ? nan : ratio.max(),
        valLoss == null ? nan : valLoss,
        note);
  }

  private BufferedImage chart() {
    int batch = m.config.batches().get(0);
    XYChart chart =
        Charts.newChart(
            "Epoch time per round at batch " + batch + " (interleaved)",
            "round",
            "seconds per epoch",
            Charts.WIDTH);
    for (Map.Entry<Measurements.Key, double[]> e : m.roundSeconds.entrySet()) {
      Measurements.Key k = e.getKey();
      if (k.batch() != batch) {
        continue;
      }
      double[] y = e.getValue();
      double[] x = IntStream.rangeClosed(1, y.length).asDoubleStream().toArray();
      chart.addSeries(k.implementation() + ", " + k.threads() + " thr", x, y);
    }
    return BitmapEncoder.getBufferedImage(chart);
  }
}
