package dev.scalinglab.engine;

import ai.djl.engine.Engine;

/**
 * Engine settings chosen once, before DJL starts.
 *
 * <p>Each training runs on one PyTorch thread: at batch 32 a second thread buys little, and
 * scenarios then run side by side on the cores instead. Fixing the count also fixes the float
 * results (they change slightly with the thread count), so a scenario gives the same numbers
 * whether it runs alone or with others. A user's own {@code -Dai.djl.pytorch.num_threads} wins.
 *
 * <p>The setting is process-wide: libtorch 2.x applies it lazily to every thread that runs an op
 * (checked: a fresh Java thread reports one intra-op thread, and a profile of two trainings shows
 * only the two trainer threads busy, no OpenMP workers).
 */
public final class EngineSetup {

  private static final String THREADS = "ai.djl.pytorch.num_threads";
  private static final String INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

  private static volatile boolean configured;

  private EngineSetup() {}

  /** Applies the settings if DJL has not started yet; safe to call any number of times. */
  public static synchronized void configure() {
    if (configured) {
      return;
    }
    setIfAbsent(THREADS, "1");
    setIfAbsent(INTEROP_THREADS, "1");
    Engine.getInstance();
    configured = true;
  }

  /** Returns the engine's name and device, e.g. "PyTorch 2.7.1 on cpu()". */
  public static String describe() {
    configure();
    Engine engine = Engine.getInstance();
    return engine.getEngineName()
        + " "
        + engine.getVersion()
        + " on "
        + engine.defaultDevice()
        + ", threads per training: "
        + System.getProperty(THREADS);
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
