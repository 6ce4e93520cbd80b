package dev.scalinglab.kernel;

import dev.scalinglab.engine.EngineSetup;

/**
 * Starts the deep-learning engine (libtorch's native libraries, about 0.8 s) after the first cell,
 * on its own daemon thread: nearly every notebook's next cells load data or build a model, and then
 * find the engine up instead of starting it.
 */
final class EngineWarmUp {
  private EngineWarmUp() {}

  /** Turns the warm-up off: {@code -Dscalinglab.kernel.engineWarmUp=false} in the kernelspec. */
  static final String PROPERTY = "scalinglab.kernel.engineWarmUp";

  /** Starts the engine in the background; a failure is left for the first cell that needs it. */
  static void start() {
    if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
      return;
    }
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
