package dev.scalinglab.bench;

import java.util.LinkedHashMap;
import java.util.List;
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
    /** Returns the section: "train", "gemm", "parallel" or "startup". */
    String section();

    /** Returns "djl" or a PyTorch label. */
    String implementation();

    /** Returns the intra-op threads, 0 where they do not apply. */
    int threads();

    /** Returns the batch size, 0 where it does not apply. */
    int batch();

    /** Returns the number columns this row fills, by column name. */
    Map<String, Double> numbers();

    /** Returns what the row measures, or why it is missing. */
    String note();
  }

  /**
   * One implementation's epochs at one batch size and thread count ("train").
   *
   * @param seconds epoch seconds over the rounds, null when not measured (the note says why)
   * @param steps SGD steps per epoch
   * @param flops floating-point operations per epoch
   * @param limitSeconds the seconds those FLOPs take at the GEMM rate of {@code threads}
   * @param ratio per-round ratios djl / this implementation, null for djl or when not measured
   * @param valLoss validation loss after the rounds (both loops should train alike), or empty
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
    public String section() {
      return "train";
    }

    @Override
    public Map<String, Double> numbers() {
      Map<String, Double> n = new LinkedHashMap<>();
      if (seconds != null) {
        n.put("seconds", seconds.median());
        n.put("seconds_min", seconds.min());
        n.put("seconds_max", seconds.max());
        n.put("ms_per_step", seconds.median() / steps * 1000);
        n.put("gflop_per_s", flops / seconds.median() / 1e9);
        n.put("x_gemm_limit", seconds.median() / limitSeconds);
      }
      if (ratio != null) {
        n.put("ratio", ratio.median());
        n.put("ratio_min", ratio.min());
        n.put("ratio_max", ratio.max());
      }
      valLoss.ifPresent(v -> n.put("val_loss", v));
      return n;
    }
  }

  /** The seconds an epoch's FLOPs take at the 1024×1024 GEMM rate ("gemm"). */
  record GemmLimit(int threads, int batch, double seconds) implements Row {
    @Override
    public String section() {
      return "gemm";
    }

    @Override
    public String implementation() {
      return "djl";
    }

    @Override
    public Map<String, Double> numbers() {
      return Map.of("seconds", seconds);
    }

    @Override
    public String note() {
      return "same FLOPs as 1024x1024 matMuls";
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
    public String section() {
      return "parallel";
    }

    @Override
    public String implementation() {
      return "djl";
    }

    @Override
    public int threads() {
      return 1;
    }

    @Override
    public Map<String, Double> numbers() {
      return Map.of("seconds", seconds);
    }

    @Override
    public String note() {
      String speed =
          speedUp.isPresent()
              ? String.format(
                  java.util.Locale.ROOT,
                  "; speed-up %.2f over one after another",
                  speedUp.getAsDouble())
              : "";
      return trainings + " trainings of one epoch at once, 1 thread each" + speed;
    }
  }

  /** Seconds from a process's start to an event of it ("startup"). */
  record Startup(String implementation, String event, double seconds) implements Row {
    @Override
    public String section() {
      return "startup";
    }

    @Override
    public int threads() {
      return 0;
    }

    @Override
    public int batch() {
      return 0;
    }

    @Override
    public Map<String, Double> numbers() {
      return Map.of("seconds", seconds);
    }

    @Override
    public String note() {
      return event;
    }
  }

  /**
   * Returns the machine's rows (CPU, GEMM rate per thread count, load) followed by {@code rows}.
   */
  static Table of(Machine machine, Machine.Load load, List<? extends Row> rows) {
    Table table = Table.create("bench");
    table.addColumns(
        StringColumn.create(COLUMNS.get(0)),
        StringColumn.create(COLUMNS.get(1)),
        IntColumn.create(COLUMNS.get(2)),
        IntColumn.create(COLUMNS.get(3)));
    for (String name : COLUMNS.subList(4, COLUMNS.size() - 1)) {
      table.addColumns(DoubleColumn.create(name));
    }
    table.addColumns(StringColumn.create(COLUMNS.get(COLUMNS.size() - 1)));
    append(
        table,
        "machine",
        "cpu",
        0,
        0,
        Map.of(),
        machine.cpuModel() + ", " + machine.cores() + " cores");
    machine
        .gemmGflops()
        .forEach(
            (threads, rate) ->
                append(
                    table,
                    "machine",
                    "gemm",
                    threads,
                    0,
                    Map.of("gflop_per_s", rate),
                    "1024x1024 float32 matMul through DJL"));
    append(
        table,
        "machine",
        "load",
        0,
        0,
        Map.of(),
        "load average before: " + load.before() + "; after: " + load.after());
    for (Row r : rows) {
      append(table, r.section(), r.implementation(), r.threads(), r.batch(), r.numbers(), r.note());
    }
    return table;
  }

  private static void append(
      Table table,
      String section,
      String implementation,
      int threads,
      int batch,
      Map<String, Double> numbers,
      String note) {
    if (!COLUMNS.containsAll(numbers.keySet())) {
      throw new IllegalArgumentException("not a bench column: " + numbers.keySet());
    }
    table.stringColumn("section").append(section);
    table.stringColumn("implementation").append(implementation);
    appendCount(table.intColumn("threads"), threads);
    appendCount(table.intColumn("batch"), batch);
    for (String name : COLUMNS.subList(4, COLUMNS.size() - 1)) {
      Double v = numbers.get(name);
      if (v == null || Double.isNaN(v)) {
        table.doubleColumn(name).appendMissing();
      } else {
        table.doubleColumn(name).append(v);
      }
    }
    table.stringColumn("note").append(note);
  }

  private static void appendCount(IntColumn column, int value) {
    if (value > 0) {
      column.append(value);
    } else {
      column.appendMissing();
    }
  }
}
