package dev.scalinglab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.train.Hyperparameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A notebook user re-runs training cells for hours: 50 trainings in one JVM must not leak engine
 * arrays, and native memory must level off. RSS per run is printed; the bound is asserted. A long
 * check (50 trainings), so it runs in the integration phase (failsafe), not with the unit tests.
 */
@Timeout(1800)
class SoakIT {

  private static final int RUNS = 50;

  /**
   * Allowed growth of the median RSS from runs 21–30 to runs 41–50. RSS climbs for the first 15–20
   * runs (malloc arenas of each run's new threads, JIT, caches) and single runs then swing by ±40
   * MB, so medians of ten after the climb, not two single readings; a leak of 4 MB a run or more
   * still crosses the bound.
   */
  private static final long BOUND_MB = 75;

  @Test
  void fiftyTrainingsLeakNoArraysAndLevelOffInMemory() throws IOException {
    FashionMnistData data = FashionMnistData.load();
    Hyperparameters hp = Hyperparameters.QUESTION.withEpochs(1).withTrainSize(1000);
    NDManager root = systemManager();
    long[] rssByRun = new long[RUNS + 1];
    int arraysAfterWarmUp = 0;
    for (int run = 1; run <= RUNS; run++) {
      Experiment.of(data, RunPlan.of(hp.withSeed(run), Scenarios.a(), Scenarios.b())).run();
      // DJL reads values through direct buffers that only a GC frees; collect so that RSS shows
      // what is really retained.
      System.gc();
      long rss = rssMb();
      int arrays = root.getManagedArrays().size();
      long heap = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
      System.out.printf(
          "soak run %2d: RSS %d MB, Java heap used %d MB, engine arrays alive %d%n",
          run, rss, heap, arrays);
      rssByRun[run] = rss;
      if (run == 10) {
        arraysAfterWarmUp = arrays;
      }
      if (run > 10) {
        assertEquals(arraysAfterWarmUp, arrays, "engine arrays leaked at run " + run);
      }
    }
    long early = median(Arrays.copyOfRange(rssByRun, 21, 31));
    long late = median(Arrays.copyOfRange(rssByRun, RUNS - 9, RUNS + 1));
    long growth = late - early;
    System.out.printf(
        "soak: median RSS runs 21-30 %d MB, runs %d-%d %d MB: growth %d MB (bound %d MB)%n",
        early, RUNS - 9, RUNS, late, growth, BOUND_MB);
    assertTrue(growth < BOUND_MB, "native memory grew " + growth + " MB");
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
  }

  private static NDManager systemManager() {
    // Every base manager is a child of the engine's system manager, so its count sees them all.
    try (NDManager probe = Engine.getInstance().newBaseManager()) {
      return probe.getParentManager();
    }
  }

  private static long rssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
