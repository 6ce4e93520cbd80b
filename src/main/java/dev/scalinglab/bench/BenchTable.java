package dev.scalinglab.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The benchmark's rows as a Tablesaw table (also the columns of {@code bench.csv}). */
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

  private static final List<ToDoubleFunction<BenchRow>> NUMBERS =
      List.of(
          BenchRow::seconds,
          BenchRow::secondsMin,
          BenchRow::secondsMax,
          BenchRow::msPerStep,
          BenchRow::gflopPerSecond,
          BenchRow::xGemmLimit,
          BenchRow::ratio,
          BenchRow::ratioMin,
          BenchRow::ratioMax,
          BenchRow::valLoss);

  private BenchTable() {}

  /** Returns the rows as a table; NaN numbers and zero threads or batch become missing values. */
  public static Table of(List<BenchRow> rows) {
    StringColumn section = StringColumn.create(COLUMNS.get(0));
    StringColumn implementation = StringColumn.create(COLUMNS.get(1));
    IntColumn threads = IntColumn.create(COLUMNS.get(2));
    IntColumn batch = IntColumn.create(COLUMNS.get(3));
    DoubleColumn[] numbers = new DoubleColumn[NUMBERS.size()];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = DoubleColumn.create(COLUMNS.get(4 + i));
    }
    StringColumn note = StringColumn.create(COLUMNS.get(COLUMNS.size() - 1));
    for (BenchRow r : rows) {
      section.append(r.section());
      implementation.append(r.implementation());
      appendCount(threads, r.threads());
      appendCount(batch, r.batch());
      for (int i = 0; i < numbers.length; i++) {
        double v = NUMBERS.get(i).applyAsDouble(r);
        if (Double.isNaN(v)) {
          numbers[i].appendMissing();
        } else {
          numbers[i].append(v);
        }
      }
      note.append(r.note());
    }
    Table table = Table.create("bench", section, implementation, threads, batch);
    table.addColumns(numbers);
    table.addColumns(note);
    return table;
  }

  private static void appendCount(IntColumn column, int value) {
    if (value > 0) {
      column.append(value);
    } else {
      column.appendMissing();
    }
  }
}
