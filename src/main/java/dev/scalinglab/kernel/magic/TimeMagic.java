package dev.scalinglab.kernel.magic;

import dev.scalinglab.kernel.CodeLineMagic;
import dev.scalinglab.kernel.JavaKernel;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;

/**
 * {@code %time code} and {@code %%time}: runs the code and prints, after it, the wall time and the
 * CPU time of the whole kernel process (all threads: libtorch computes on its own), as IPython's
 * {@code %time} does. The cell's value stays the code's value.
 */
final class TimeMagic implements CodeLineMagic, CellMagic<Object, JavaKernel> {

  @Override
  public Object eval(JavaKernel kernel, String code) {
    if (code.isBlank()) {
      throw new IllegalArgumentException("give code to time, e.g. %time Math.sqrt(2)");
    }
    return time(kernel, code);
  }

  @Override
  public Object eval(JavaKernel kernel, List<String> args, String body) {
    // One empty line in place of "%%time": errors in the body name the cell's own line numbers.
    return time(kernel, "\n" + body);
  }

  private static Object time(JavaKernel kernel, String code) {
    long cpu = processCpuNanos();
    long start = System.nanoTime();
    try {
      return kernel.evalRaw(code);
    } finally {
      double wall = (System.nanoTime() - start) / 1e9;
      long cpuEnd = processCpuNanos();
      if (cpu >= 0 && cpuEnd >= 0) {
        System.out.printf(Locale.ROOT, "CPU time (process): %.3f s%n", (cpuEnd - cpu) / 1e9);
      }
      System.out.printf(Locale.ROOT, "Wall time: %.3f s%n", wall);
    }
  }

  /** The CPU time of this JVM's threads, native ones included, or -1 where the JVM cannot say. */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
