package dev.scalinglab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.data.DataSource;
import dev.scalinglab.model.Mlp;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/** The tables, lines and markdown a run's measurements make, without running anything. */
class BenchReportTest {

  private static final TorchSource VENV =
      new TorchSource("pytorch-venv", Path.of("/p/.venv/bin/python"), "pip's torch in .venv");
  private static final TorchSource DEBIAN =
      new TorchSource("pytorch-debian", Path.of("/usr/bin/python3"), "Debian's python3-torch");

  /** Batch 32, one thread, three rounds of 640 images; the venv ran, Debian's did not. */
  private static Measurements measurements() {
    BenchConfig config =
        BenchConfig.defaults(DataSource.directory(Path.of("/data")))
            .with(List.of(32), List.of(1), 3, 640)
            .withPythons(List.of(), 2, 60);
    Map<Measurements.Key, double[]> rounds = new LinkedHashMap<>();
    rounds.put(new Measurements.Key("djl", 32, 1), new double[] {0.30, 0.20, 0.25});
    rounds.put(new Measurements.Key("pytorch-venv", 32, 1), new double[] {0.40, 0.25, 0.50});
    return new Measurements(
        config,
        new Machine("Test CPU", 2, Map.of(1, 50.0)),
        new Machine.Load("0.10 0.20 0.30", "1.00 0.50 0.40"),
        "DJL 0.36.0, libtorch 2.7.1",
        "MKL inside libtorch_cpu.so",
        List.of(
            new Measurements.Torch(VENV, "2.13.0", "BLAS_INFO=mkl", null),
            new Measurements.Torch(DEBIAN, "", "", "/usr/bin/python3 not found")),
        rounds,
        Map.of(new Measurements.Key("djl", 32, 1), 0.61),
        Map.of("JVM start to first step", 1.5, "pytorch-venv: process start to data ready", 2.5),
        OptionalDouble.of(0.4));
  }

  private static Row row(Table t, String section, String implementation) {
    for (Row r : t) {
      if (r.getString("section").equals(section)
          && r.getString("implementation").equals(implementation)) {
        return r;
      }
    }
    throw new AssertionError("no " + section + "/" + implementation + " row in\n" + t);
  }

  @Test
  void eachSectionFillsItsOwnColumns() {
    BenchResult r = BenchReport.of(measurements());
    Table t = r.table();
    assertEquals(BenchTable.COLUMNS, t.columnNames());
    assertEquals(
        List.of(
            "machine",
            "machine",
            "machine",
            "train",
            "train",
            "train",
            "gemm",
            "parallel",
            "startup",
            "startup"),
        t.stringColumn("section").asList());

    Row djl = row(t, "train", "djl");
    assertEquals(0.25, djl.getDouble("seconds"), 1e-12);
    assertEquals(0.20, djl.getDouble("seconds_min"), 1e-12);
    assertEquals(0.30, djl.getDouble("seconds_max"), 1e-12);
    assertEquals(0.25 / 20 * 1000, djl.getDouble("ms_per_step"), 1e-9, "640 / 32 = 20 steps");
    double flops = Flops.perStep(Mlp.DEFAULT_SIZES, 32) * 20;
    assertEquals(flops / 0.25 / 1e9, djl.getDouble("gflop_per_s"), 1e-9);
    assertEquals(0.25 / (flops / 50e9), djl.getDouble("x_gemm_limit"), 1e-9);
    assertEquals(0.61, djl.getDouble("val_loss"), 1e-12);
    assertTrue(djl.isMissing("ratio"), "djl has no ratio to itself");

    // Per-round ratios 0.75, 0.8, 0.5: median 0.75, range 0.5–0.8.
    Row venv = row(t, "train", "pytorch-venv");
    assertEquals(0.75, venv.getDouble("ratio"), 1e-12);
    assertEquals(0.5, venv.getDouble("ratio_min"), 1e-12);
    assertEquals(0.8, venv.getDouble("ratio_max"), 1e-12);
    assertTrue(venv.isMissing("val_loss"));
    assertEquals("torch 2.13.0 eager, /p/.venv/bin/python", venv.getString("note"));

    Row debian = row(t, "train", "pytorch-debian");
    assertTrue(debian.isMissing("seconds") && debian.isMissing("ratio"), debian.toString());
    assertEquals("/usr/bin/python3 not found", debian.getString("note"));

    Row gemm = row(t, "gemm", "djl");
    assertEquals(flops / 50e9, gemm.getDouble("seconds"), 1e-15);
    assertTrue(gemm.isMissing("gflop_per_s") && gemm.isMissing("ratio"), gemm.toString());

    Row parallel = row(t, "parallel", "djl");
    assertEquals(0.4, parallel.getDouble("seconds"), 1e-12);
    assertTrue(parallel.getString("note").endsWith("speed-up 1.25 over one after another"));

    Row machineGemm = row(t, "machine", "gemm");
    assertEquals(50.0, machineGemm.getDouble("gflop_per_s"));
    assertEquals(1, machineGemm.getInt("threads"));
    assertTrue(machineGemm.isMissing("seconds") && machineGemm.isMissing("batch"));
    assertEquals(
        "load average before: 0.10 0.20 0.30; after: 1.00 0.50 0.40",
        row(t, "machine", "load").getString("note"));

    Row startup = row(t, "startup", "pytorch-venv");
    assertEquals(2.5, startup.getDouble("seconds"));
    assertEquals("process start to data ready", startup.getString("note"));
    assertTrue(startup.isMissing("threads") && startup.isMissing("ms_per_step"));
  }

  @Test
  void headlineRatioAndMarkdownComeFromTheSameRounds() {
    BenchResult r = BenchReport.of(measurements());
    assertEquals(0.75, r.headline().orElseThrow(), 1e-12);
    assertEquals("ratio djl/pytorch at batch 32: 0.75", r.headlineLine());
    assertEquals(
        List.of(
            "ratio djl/pytorch-venv (torch 2.13.0) at batch 32, 1 thread: 0.75 (0.50–0.80) over 3"
                + " rounds, faster in every round",
            "ratio djl/pytorch-debian: n/a (/usr/bin/python3 not found)"),
        r.ratioLines());
    assertTrue(
        r.markdown()
            .contains("| 32 | 1 | 0.25 (0.20–0.30) | 0.40 (0.25–0.50) | 0.75 (0.50–0.80) |"),
        r.markdown());
    assertTrue(r.markdown().contains("load average 0.10 0.20 0.30 before, 1.00 0.50 0.40 after"));
    assertTrue(
        r.markdown()
            .contains(
                "GEMM path: scaling-lab: MKL inside libtorch_cpu.so; PyTorch 2.13.0: BLAS_INFO=mkl."),
        r.markdown());
    assertFalse(r.markdown().contains("PyTorch  ("), "the missing column has no header");
  }
}
