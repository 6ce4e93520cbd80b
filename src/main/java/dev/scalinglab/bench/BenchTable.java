package dev.scalinglab.bench;

import java.util.List;
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
          "batch",
          "seconds",
          "samples_per_s",
          "ms_per_step",
          "gflop_per_s",
          "x_gemm_limit",
          "val_loss",
          "note");

  private BenchTable() {}

  /** Returns the rows as a table; NaN numbers become missing values. */
  public static Table of(List<BenchRow> rows) {
    StringColumn section = StringColumn.create("section");
    StringColumn implementation = StringColumn.create("implementation");
    IntColumn batch = IntColumn.create("batch");
    DoubleColumn seconds = DoubleColumn.create("seconds");
    DoubleColumn samples = DoubleColumn.create("samples_per_s");
    DoubleColumn ms = DoubleColumn.create("ms_per_step");
    DoubleColumn gflops = DoubleColumn.create("gflop_per_s");
    DoubleColumn xGemm = DoubleColumn.create("x_gemm_limit");
    DoubleColumn valLoss = DoubleColumn.create("val_loss");
    StringColumn note = StringColumn.create("note");
    for (BenchRow r : rows) {
      section.append(r.section());
      implementation.append(r.implementation());
      if (r.batch() > 0) {
        batch.append(r.batch());
      } else {
        batch.appendMissing();
      }
      append(seconds, r.seconds());
      append(samples, r.samplesPerSecond());
      append(ms, r.msPerStep());
      append(gflops, r.gflopPerSecond());
      append(xGemm, r.xGemmLimit());
      append(valLoss, r.valLoss());
      note.append(r.note());
    }
    return Table.create(
        "bench",
        section,
        implementation,
        batch,
        seconds,
        samples,
        ms,
        gflops,
        xGemm,
        valLoss,
        note);
  }

  private static void append(DoubleColumn column, double value) {
    if (Double.isNaN(value)) {
      column.appendMissing();
    } else {
      column.append(value);
    }
  }
}
