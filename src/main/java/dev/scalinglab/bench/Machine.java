package dev.scalinglab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The machine a benchmark ran on: CPU model, cores and the 1024×1024 GEMM rate per thread count,
 * measured once before the timed rounds. (The load average, which changes during the run, is {@link
 * Load}.)
 *
 * @param cpuModel the first "model name" of /proc/cpuinfo
 * @param cores processors available to the JVM
 * @param gemmGflops median GFLOP/s of a 1024×1024 float32 matMul through DJL, by thread count
 */
public record Machine(String cpuModel, int cores, Map<Integer, Double> gemmGflops) {

  /** Copies the rates, keeping their thread order. */
  public Machine {
    gemmGflops = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(gemmGflops));
  }

  /**
   * The load average before and after the benchmark: other processes skew every timing.
   *
   * @param before /proc/loadavg's 1-, 5- and 15-minute averages before the benchmark
   * @param after the same after it
   */
  public record Load(String before, String after) {}

  /** Returns the CPU model of the machine running this JVM, or "unknown CPU". */
  public static String readCpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException | RuntimeException e) {
      return "unknown CPU";
    }
  }

  /** Returns the 1-, 5- and 15-minute load averages, e.g. "1.52 1.10 0.90", or "unknown". */
  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Returns a one-line description: CPU model, cores, and the GEMM rate at each thread count. */
  public String describe() {
    StringBuilder s = new StringBuilder(cpuModel).append(", ").append(cores).append(" cores");
    gemmGflops.forEach(
        (threads, rate) ->
            s.append(
                String.format(
                    java.util.Locale.ROOT,
                    ", GEMM %.0f GFLOP/s at %d thread%s",
                    rate,
                    threads,
                    threads == 1 ? "" : "s")));
    return s.toString();
  }
}
