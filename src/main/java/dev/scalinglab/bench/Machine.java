package dev.scalinglab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  /**
   * Returns the CPU model of the machine running this JVM with its family and model numbers, e.g.
   * "AMD EPYC (family 25, model 17)": virtual machines often name only the brand, and two
   * generations of one brand run the same GEMM kernel at different speeds. "unknown CPU" if
   * /proc/cpuinfo cannot be read.
   */
  public static String readCpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      String name = field(lines, "model name");
      if (name == null) {
        return "unknown CPU";
      }
      String family = field(lines, "cpu family");
      String model = field(lines, "model");
      return family == null || model == null
          ? name
          : name + " (family " + family + ", model " + model + ")";
    } catch (IOException | RuntimeException e) {
      return "unknown CPU";
    }
  }

  /** Returns the value of the first /proc/cpuinfo line whose key is {@code key}, or null. */
  private static String field(List<String> cpuinfo, String key) {
    for (String line : cpuinfo) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
        return line.substring(colon + 1).strip();
      }
    }
    return null;
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
