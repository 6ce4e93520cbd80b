package dev.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scalinglab.bench.BenchTable;
import dev.scalinglab.data.DataSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private static void assumeData() {
    assumeTrue(
        DataSource.locate().localDirectory().isPresent(),
        "needs the Fashion-MNIST files (Debian's dataset-fashion-mnist)");
  }

  @Test
  void tinyRunWritesTheCsvColumnsAndTheRatioLine(@TempDir Path tmp) throws Exception {
    assumeData();
    int code =
        run(
            "bench",
            "--train-size",
            "2000",
            "--epochs",
            "2",
            "--batches",
            "32,256",
            "--out",
            tmp.toString());
    assertEquals(0, code, err.toString());
    List<String> csv = Files.readAllLines(tmp.resolve("bench.csv"));
    assertEquals(String.join(",", BenchTable.COLUMNS), csv.get(0));
    for (String section :
        List.of("train,djl,32,", "train,djl,256,", "gemm,djl,32,", "startup,djl,")) {
      assertTrue(csv.stream().anyMatch(l -> l.startsWith(section)), section + " in " + csv);
    }
    assertTrue(csv.stream().anyMatch(l -> l.startsWith("train,pytorch,32,")), csv.toString());
    String last = out.toString().strip().lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.startsWith("ratio djl/pytorch at batch 32: "), last);
  }

  @Test
  void missingPythonSaysWhyInTheTableAndTheRatio(@TempDir Path tmp) throws Exception {
    assumeData();
    Path python = tmp.resolve("no-python");
    int code =
        run(
            "bench",
            "--train-size",
            "2000",
            "--epochs",
            "1",
            "--batches",
            "32",
            "--parallel",
            "0",
            "--python",
            python.toString(),
            "--out",
            tmp.toString());
    assertEquals(0, code, err.toString());
    List<String> csv = Files.readAllLines(tmp.resolve("bench.csv"));
    assertTrue(
        csv.stream()
            .anyMatch(l -> l.startsWith("train,pytorch,32,") && l.contains(python.toString())),
        csv.toString());
    assertTrue(
        out.toString().contains("ratio djl/pytorch at batch 32: n/a (" + python + " not found"),
        out.toString());
  }

  @Test
  void badBatchIsAUsageError() {
    assertEquals(Main.USAGE, run("bench", "--batches", "0"));
    assertTrue(err.toString().contains("--batches"), err.toString());
  }
}
