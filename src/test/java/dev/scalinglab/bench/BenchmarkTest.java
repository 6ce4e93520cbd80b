package dev.scalinglab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scalinglab.data.DataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/** The benchmark as a library call, on a tiny training set. */
class BenchmarkTest {

  private static DataSource data() {
    DataSource source = DataSource.locate();
    assumeTrue(
        source.localDirectory().isPresent(),
        "needs the Fashion-MNIST files (Debian's dataset-fashion-mnist)");
    return source;
  }

  private static boolean debianTorch() throws Exception {
    if (!TorchSource.DEBIAN_PYTHON.toFile().canExecute()) {
      return false;
    }
    Process p =
        new ProcessBuilder(TorchSource.DEBIAN_PYTHON.toString(), "-c", "import torch, numpy")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private static BenchConfig tiny(DataSource data, List<Path> pythons) {
    return BenchConfig.defaults(data)
        .with(List.of(32), List.of(1), 3, 640)
        .withPythons(pythons, 0, 120);
  }

  private static Row row(Table t, String section, String impl, int batch) {
    for (Row r : t) {
      if (r.getString("section").equals(section)
          && r.getString("implementation").equals(impl)
          && !r.isMissing("batch")
          && r.getInt("batch") == batch) {
        return r;
      }
    }
    throw new AssertionError("no " + section + "/" + impl + "/" + batch + " row in\n" + t);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void pytorchTrainsTheSameRunAndTheRatioIsPerRound() throws Exception {
    DataSource data = data();
    assumeTrue(debianTorch(), "needs Debian's python3-torch");
    List<String> log = new ArrayList<>();
    BenchResult r = Benchmark.run(tiny(data, List.of(TorchSource.DEBIAN_PYTHON)), log::add);
    Table t = r.table();
    Row ours = row(t, "train", "djl", 32);
    Row torch = row(t, "train", "pytorch", 32);
    // A PyTorch row with a time, from the same training: same start, same batches, same loss.
    assertFalse(torch.isMissing("seconds"), torch.toString());
    assertTrue(torch.getDouble("seconds") > 0);
    assertEquals(ours.getDouble("val_loss"), torch.getDouble("val_loss"), 1e-3);
    assertTrue(torch.getString("note").contains("torch 1."), torch.getString("note"));
    // The ratio is the median of the per-round ratios, inside their range.
    double ratio = torch.getDouble("ratio");
    assertTrue(
        torch.getDouble("ratio_min") <= ratio && ratio <= torch.getDouble("ratio_max"),
        torch.toString());
    assertTrue(r.headline().isPresent());
    assertEquals(ratio, r.headline().getAsDouble(), 1e-12);
    assertTrue(r.headlineLine().startsWith("ratio djl/pytorch at batch 32: "), r.headlineLine());
    assertEquals(3, log.stream().filter(l -> l.startsWith("round ")).count(), log.toString());
    // Interleaved: who goes first alternates.
    assertTrue(log.stream().anyMatch(l -> l.matches("round 1/3.*djl.*pytorch.*")), log.toString());
    assertTrue(log.stream().anyMatch(l -> l.matches("round 2/3.*pytorch.*djl.*")), log.toString());
    assertTrue(r.markdown().contains("| 32 | 1 | "), r.markdown());
    assertTrue(r.markdown().contains(r.machine().cpuModel()), r.markdown());
    assertTrue(
        t.where(
                    t.stringColumn("section")
                        .isEqualTo("machine")
                        .and(t.stringColumn("implementation").isEqualTo("gemm")))
                .doubleColumn("gflop_per_s")
                .getDouble(0)
            > 0,
        t.toString());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void aMissingPythonLeavesItsRowEmptyAndSaysWhy(@TempDir Path tmp) throws Exception {
    DataSource data = data();
    Path python = tmp.resolve("no-python");
    BenchResult r = Benchmark.run(tiny(data, List.of(python)), l -> {});
    Row torch = row(r.table(), "train", "pytorch", 32);
    assertTrue(torch.isMissing("seconds"), torch.toString());
    assertTrue(torch.getString("note").contains(python + " not found"), torch.getString("note"));
    assertFalse(r.headline().isPresent());
    assertTrue(
        r.headlineLine().startsWith("ratio djl/pytorch at batch 32: n/a (pytorch: " + python),
        r.headlineLine());
    assertFalse(row(r.table(), "train", "djl", 32).isMissing("seconds"));
  }
}
