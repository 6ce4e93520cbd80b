package dev.scalinglab.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The benchmark's rows, one record type per section, and the one table they make ({@code
 * bench.csv}): a row fills the columns its section has and leaves the others missing.
 */
public final class BenchTable {

  /** Column names, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "section",
          "implementation",
          "threads",
          "batch",
          "seconds",
          "seconds_min",
          "seconds_max",
          "ms_per_step",
          "gflop_per_s",
          "x_gemm_limit",
          "ratio",
          "ratio_min",
          "ratio_max",
          "val_loss",
          "note");

  private BenchTable() {}

  /** A row of a section other than "machine" (whose rows come from {@link Machine}). */
  sealed interface Row permits Train, GemmLimit, Parallel, Startup {
    /** Returns the cells this row fills, by column name; the others stay missing. */
    Map<String, Object> cells();
  }

  /**
   * One implementation's epochs at one batch size and thread count ("train").
   *
   * @param implementation "djl" or a PyTorch label
   * @param seconds epoch seconds over the rounds, null when not measured (the note says why)
   * @param steps SGD steps per epoch
   * @param flops floating-point operations per epoch
   * @param limitSeconds the seconds those FLOPs take at the GEMM rate of {@code threads}
   * @param ratio per-round ratios djl / this implementation, null for djl or when not measured
   * @param valLoss validation loss after the rounds (both loops should train alike), or empty
   * @param note what ran (versions, interpreter), or why it did not
   */
  record Train(
      String implementation,
      int threads,
      int batch,
      Spread seconds,
      int steps,
      double flops,
      double limitSeconds,
      Spread ratio,
      OptionalDouble valLoss,
      String note)
      implements Row {
    @Override
    public Map<String, Object> cells() {
      Map<String, Object> c = common("train", implementation, threads, batch, note);
      if (seconds != null) {
        c.put("seconds", seconds.median());
        c.put("seconds_min", seconds.min());
        c.put("seconds_max", seconds.max());
        c.put("ms_per_step", seconds.median() / steps * 1000);
        c.put("gflop_per_s", flops / seconds.median() / 1e9);
        c.put("x_gemm_limit", seconds.median() / limitSeconds);
      }
      if (ratio != null) {
        c.put("ratio", ratio.median());
        c.put("ratio_min", ratio.min());
        c.put("ratio_max", ratio.max());
      }
      valLoss.ifPresent(v -> c.put("val_loss", v));
      return c;
    }
  }

  /** The seconds an epoch's FLOPs take at the 1024×1024 GEMM rate of {@code threads} ("gemm"). */
  record GemmLimit(int threads, int batch, double seconds) implements Row {
    @Override
    public Map<String, Object> cells() {
      Map<String, Object> c =
          common("gemm", "djl", threads, batch, "same FLOPs as 1024x1024 matMuls");
      c.put("seconds", seconds);
      return c;
    }
  }

  /**
   * Several one-epoch trainings at once, one intra-op thread each ("parallel").
   *
   * @param trainings how many at once
   * @param seconds wall seconds until the last one ended
   * @param speedUp trainings × one training's median epoch seconds alone / {@code seconds}
   */
  record Parallel(int trainings, int batch, double seconds, OptionalDouble speedUp) implements Row {
    @Override
    public Map<String, Object> cells() {
      String note = trainings + " trainings of one epoch at once, 1 thread each";
      if (speedUp.isPresent()) {
        note +=
            String.format(
                Locale.ROOT, "; speed-up %.2f over one after another", speedUp.getAsDouble());
      }
      Map<String, Object> c = common("parallel", "djl", 1, batch, note);
      c.put("seconds", seconds);
      return c;
    }
  }

  /** Seconds from a process's start to {@code event} ("startup"). */
  record Startup(String implementation, String event, double seconds) implements Row {
    @Override
    public Map<String, Object> cells() {
      Map<String, Object> c = common("startup", implementation, 0, 0, event);
      c.put("seconds", seconds);
      return c;
    }
  }

  /** Returns the cells every row has; threads or batch 0 stay missing (they do not apply). */
  private static Map<String, Object> common(
      String section, String implementation, int threads, int batch, String note) {
    Map<String, Object> c = new HashMap<>();
    c.put("section", section);
    c.put("implementation", implementation);
    c.put("note", note);
    if (threads > 0) {
      c.put("threads", threads);
    }
    if (batch > 0) {
      c.put("batch", batch);
    }
    return c;
  }

  /**
   * Returns the machine's rows (CPU, GEMM rate per thread count, load) followed by {@code rows}.
   */
  static Table of(Machine machine, Machine.Load load, List<? extends Row> rows) {
    Table table = Table.create("bench");
    for (String name : COLUMNS) {
      table.addColumns(
          switch (name) {
            case "section", "implementation", "note" -> StringColumn.create(name);
            case "threads", "batch" -> IntColumn.create(name);
            default -> DoubleColumn.create(name);
          });
    }
    append(
        table,
        common("machine", "cpu", 0, 0, machine.cpuModel() + ", " + machine.cores() + " cores"));
    machine
        .gemmGflops()
        .forEach(
            (threads, rate) -> {
              Map<String, Object> c =
                  common("machine", "gemm", threads, 0, "1024x1024 float32 matMul through DJL");
              c.put("gflop_per_s", rate);
              append(table, c);
            });
    append(
        table,
        common(
            "machine",
            "load",
            0,
            0,
            "load average before: " + load.before() + "; after: " + load.after()));
    rows.forEach(r -> append(table, r.cells()));
    return table;
  }

  private static void append(Table table, Map<String, Object> cells) {
    if (!COLUMNS.containsAll(cells.keySet())) {
      throw new IllegalArgumentException("not a bench column: " + cells.keySet());
    }
    for (String name : COLUMNS) {
      Object v = cells.get(name);
      var column = table.column(name);
      if (v == null || (v instanceof Double d && d.isNaN())) {
        column.appendMissing();
      } else if (column instanceof DoubleColumn d) {
        d.append(((Number) v).doubleValue());
      } else if (column instanceof IntColumn i) {
        i.append((Integer) v);
      } else {
        ((StringColumn) column).append((String) v);
      }
    }
  }
}
