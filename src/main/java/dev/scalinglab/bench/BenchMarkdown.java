package dev.scalinglab.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The README's performance table, written from a run so that it is never copied by hand. */
final class BenchMarkdown {

  private BenchMarkdown() {}

  static String of(Measurements m, BenchReport r) {
    Machine machine = m.machine();
    BenchConfig c = m.config();
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "Machine: %s, %d cores; 1024×1024 GEMM %s; load average %s before, %s after. "
                + "%d interleaved rounds of one epoch (%,d images) per column after %d warm-up "
                + "epoch(s); each cell is the median (min–max) over the rounds; a ratio is "
                + "scaling-lab's epoch time over PyTorch's in the same round.%n%n",
            machine.cpuModel(),
            machine.cores(),
            machine.gemmGflops().entrySet().stream()
                .map(
                    e ->
                        String.format(
                            Locale.ROOT, "%.0f GFLOP/s at %d thread(s)", e.getValue(), e.getKey()))
                .collect(Collectors.joining(", ")),
            m.load().before(),
            m.load().after(),
            c.rounds(),
            c.trainSize(),
            c.warmup()));
    List<Measurements.Torch> torches = m.available();
    // The ratio follows each side's GEMM kernels on the CPU at hand: name them beside the table.
    s.append("GEMM path: scaling-lab: ").append(m.djlBlas());
    for (Measurements.Torch t : torches) {
      s.append("; PyTorch ").append(t.version()).append(": ").append(t.blas());
    }
    s.append(".\n\n");
    s.append("| batch | threads | scaling-lab s/epoch |");
    for (Measurements.Torch t : torches) {
      s.append(" PyTorch ")
          .append(t.version())
          .append(" (")
          .append(t.source().origin())
          .append(") s/epoch | ratio |");
    }
    s.append(" scaling-lab × GEMM limit |\n|---|---|---|");
    s.append("---|---|".repeat(torches.size())).append("---|\n");
    for (int threads : c.threads()) {
      for (int batch : c.batches()) {
        double[] ours = r.seconds("djl", batch, threads);
        if (ours == null) {
          continue;
        }
        s.append(String.format(Locale.ROOT, "| %d | %d | %s |", batch, threads, cell(ours)));
        for (Measurements.Torch t : torches) {
          double[] theirs = r.seconds(t.source().label(), batch, threads);
          Spread ratio = r.ratio(t, batch, threads);
          s.append(' ')
              .append(theirs == null ? "n/a" : cell(theirs))
              .append(" | ")
              .append(ratio == null ? "n/a" : ratio.format(2))
              .append(" |");
        }
        s.append(
            String.format(
                Locale.ROOT,
                " %.1f |%n",
                Spread.of(ours).median() / r.limitSeconds(batch, threads)));
      }
    }
    for (Measurements.Torch t : m.torches()) {
      if (t.missing() != null) {
        s.append("\n").append(t.source().label()).append(": not measured, ").append(t.missing());
        s.append('\n');
      }
    }
    Map<String, Double> startup = m.startup();
    s.append("\nStart-up: ");
    s.append(
        startup.entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue()))
            .collect(Collectors.joining("; ")));
    s.append(".\n");
    return s.toString();
  }

  private static String cell(double[] seconds) {
    return Spread.of(seconds).format(2);
  }
}
