package dev.scalinglab.kernel;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;

/**
 * Start-up marks for profiling a kernel's start: with the environment variable {@code
 * SCALINGLAB_KERNEL_TRACE} set, each mark prints the JVM's uptime, the CPU time the process and the
 * thread have used so far, the thread and the step to the process's standard error (Jupyter's
 * server log), never into a notebook. CPU time tells work from waiting on a loaded machine.
 */
final class StartTrace {
  private static final boolean ON = System.getenv("SCALINGLAB_KERNEL_TRACE") != null;

  private StartTrace() {}

  /** Prints {@code step} when tracing is on; does nothing otherwise. */
  static void mark(String step) {
    if (ON) {
      long process =
          ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
              .getProcessCpuTime();
      long thread = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      // The real file descriptor: System.err is a cell's stream while cells run.
      PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
      err.printf(
          "[kernel start] %d ms (cpu: process %d ms, thread %d ms) %s: %s%n",
          ManagementFactory.getRuntimeMXBean().getUptime(),
          process / 1_000_000,
          thread / 1_000_000,
          Thread.currentThread().getName(),
          step);
    }
  }
}
