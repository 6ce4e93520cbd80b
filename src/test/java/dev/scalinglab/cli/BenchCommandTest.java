package dev.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scalinglab.bench.BenchTable;
import dev.scalinglab.bench.ReadmeSection;
import dev.scalinglab.data.DataSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The command only parses, calls {@code Benchmark}, prints and saves: these check that part. */
class BenchCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void writesCsvChartMarkdownAndTheReadmeSectionAndEndsWithTheRatio(@TempDir Path tmp)
      throws Exception {
    assumeTrue(DataSource.locate().localDirectory().isPresent(), "needs the Fashion-MNIST files");
    Path readme = tmp.resolve("README.md");
    Files.writeString(
        readme, "# x\n" + ReadmeSection.BEGIN + "\nold\n" + ReadmeSection.END + "\nrest\n");
    Path python = tmp.resolve("no-python");
    int code =
        run(
            "bench",
            "--train-size",
            "640",
            "--rounds",
            "2",
            "--batches",
            "32",
            "--threads",
            "1",
            "--parallel",
            "0",
            "--python",
            python.toString(),
            "--out",
            tmp.toString(),
            "--readme",
            readme.toString());
    assertEquals(0, code, err.toString());
    Table csv = Table.read().csv(tmp.resolve("bench.csv").toFile());
    assertEquals(BenchTable.COLUMNS, csv.columnNames());
    Table djl =
        csv.where(
            csv.stringColumn("section")
                .isEqualTo("train")
                .and(csv.stringColumn("implementation").isEqualTo("djl")));
    assertEquals(1, djl.rowCount(), csv.print());
    assertEquals(32, djl.intColumn("batch").get(0));
    double seconds = djl.numberColumn("seconds").getDouble(0);
    assertTrue(seconds > 0 && seconds < 60, csv.print());
    assertEquals(seconds / (640 / 32) * 1000, djl.numberColumn("ms_per_step").getDouble(0), 1e-3);
    Table gemm =
        csv.where(
            csv.stringColumn("section")
                .isEqualTo("machine")
                .and(csv.stringColumn("implementation").isEqualTo("gemm")));
    assertTrue(gemm.numberColumn("gflop_per_s").getDouble(0) > 0, csv.print());
    assertTrue(gemm.intColumn("batch").isMissing(0), "a machine row has no batch");
    assertTrue(Files.size(tmp.resolve("bench.png")) > 1000);
    String md = Files.readString(tmp.resolve("bench.md"));
    String updated = Files.readString(readme);
    assertTrue(updated.contains(md) && updated.endsWith(ReadmeSection.END + "\nrest\n"), updated);
    assertTrue(!updated.contains("\nold\n"), updated);
    String last = out.toString().strip().lines().reduce((a, b) -> b).orElse("");
    assertEquals(
        "ratio djl/pytorch at batch 32: n/a (pytorch: "
            + python
            + " not found "
            + "(install Debian's python3 and python3-torch))",
        last);
  }

  @Test
  void badOptionsAreUsageErrors(@TempDir Path tmp) {
    assertEquals(Main.USAGE, run("bench", "--batches", "0"));
    assertTrue(err.toString().contains("--batches"), err.toString());
    assertEquals(Main.USAGE, run("bench", "--threads", "0"));
    assertTrue(err.toString().contains("--threads"), err.toString());
    assertEquals(Main.USAGE, run("bench", "--rounds", "0"));
    assertEquals(Main.USAGE, run("bench", "--readme", tmp.resolve("none.md").toString()));
    assertTrue(err.toString().contains("not a writable file"), err.toString());
  }
}
