package dev.scalinglab.kernel;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;

/**
 * Start-up marks for profiling a kernel's start: with the environment variable {@code
 * SCALINGLAB_KERNEL_TRACE} set, each mark prints the JVM's uptime, the thread and the step to the
 * process's standard error (Jupyter's server log), never into a notebook.
 */
final class StartTrace {
  private static final boolean ON = System.getenv("SCALINGLAB_KERNEL_TRACE") != null;

  private StartTrace() {}

  static void mark(String step) {
    if (ON) {
      // The real file descriptor: System.err is a cell's stream while cells run.
      PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
      err.println(
          "[kernel start] "
              + ManagementFactory.getRuntimeMXBean().getUptime()
              + " ms "
              + Thread.currentThread().getName()
              + ": "
              + step);
    }
  }
}
