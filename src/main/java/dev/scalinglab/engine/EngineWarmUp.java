package dev.scalinglab.engine;

import dev.scalinglab.kernel.JavaKernel;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * Starts the deep-learning engine (libtorch's native libraries, about 0.8 s) after the project
 * kernel's first cell, on its own daemon thread: nearly every notebook's next cells load data or
 * build a model, and then find the engine up instead of starting it. A kernel extension (listed in
 * META-INF/services): the kernel knows nothing of the engine. Other kernels are left alone.
 */
public final class EngineWarmUp implements Extension {
  /** Turns the warm-up off: {@code -Dscalinglab.kernel.engineWarmUp=false} in the kernelspec. */
  public static final String PROPERTY = "scalinglab.kernel.engineWarmUp";

  @Override
  public void install(BaseKernel kernel) {
    if (kernel instanceof JavaKernel javaKernel
        && Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
      // After the first cell, not beside it: loading libtorch slows JShell's first compile.
      javaKernel.afterFirstCell(EngineWarmUp::start);
    }
  }

  /** Starts the engine in the background; a failure is left for the first cell that needs it. */
  static void start() {
    Thread t =
        new Thread(
            () -> {
              try {
                EngineSetup.configure();
              } catch (Throwable e) {
                // Not this thread's to report: the cell that uses the engine gets the error.
              }
            },
            "engine-warm-up");
    t.setDaemon(true);
    t.start();
  }
}
