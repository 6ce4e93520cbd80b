package dev.scalinglab.notebook;

import dev.scalinglab.kernel.JavaKernel;
import dev.scalinglab.kernel.KernelConfig;
import dev.scalinglab.kernel.KernelMain;

/**
 * The class-loading run behind the kernel's class-data sharing archive: environment/install-kernel
 * runs it with {@code -XX:ArchiveClassesAtExit}, so that kernel starts map JShell's compiler, the
 * kernel library and the notebook renderers from the archive instead of loading them class by
 * class.
 */
public final class KernelWarmUp {
  private KernelWarmUp() {}

  /** Starts a kernel without sockets, runs the first cells a notebook runs, and exits. */
  public static void main(String[] args) {
    KernelMain.quietLogging();
    JavaKernel kernel = new JavaKernel(KernelConfig.fromEnv(System.getenv()));
    kernel.eval("1 + 1");
    kernel.eval("import dev.scalinglab.train.*;\nimport dev.scalinglab.notebook.*;\nnew History()");
    Notebook.register(kernel.getRenderer());
    kernel.onShutdown(false);
    System.exit(0);
  }
}
