package dev.scalinglab.data;

import dev.scalinglab.kernel.KernelStartHook;
import java.lang.management.ManagementFactory;

/**
 * Starts the engine for {@link FashionMnistData#load()} when a project kernel starts (a {@link
 * KernelStartHook}, listed in META-INF/services), so that a notebook's first data cell finds
 * libtorch loaded (about 0.6 s of CPU) instead of loading it.
 *
 * <p>Only the engine, which the engine warm-up after the first cell loads in every kernel anyway:
 * no data is read ahead, so a notebook that never loads data keeps no arrays. Only with cores to
 * spare: JShell's start keeps about two cores busy (javac and the C1 compiler threads), so where
 * the load average leaves fewer than three free the engine would take its CPU from the first cell's
 * wait, and is left to the warm-up after the first cell (environment/README, "Start-up", has the
 * measurements on 2 cores).
 */
public final class DataPreload implements KernelStartHook {
  /** Turns the preload off: {@code -Dscalinglab.kernel.preloadData=false} in the kernelspec. */
  public static final String PROPERTY = "scalinglab.kernel.preloadData";

  @Override
  public void kernelStarting() {
    String mode = System.getProperty(PROPERTY, "auto");
    if (mode.equals("true") || (mode.equals("auto") && aCoreToSpare())) {
      FashionMnistData.preload();
    }
  }

  /** True if the load average leaves a core beside the two JShell's start keeps busy. */
  static boolean aCoreToSpare() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return aCoreToSpare(load, Runtime.getRuntime().availableProcessors());
  }

  /** True if {@code load} (negative: unknown) leaves a third core free of {@code cores}. */
  static boolean aCoreToSpare(double load, int cores) {
    return load >= 0 && load + 3 <= cores;
  }
}
