package dev.scalinglab.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Engine settings chosen once, before DJL starts.
 *
 * <p>One inter-op thread (our trainings bring their own Java threads). The intra-op thread count is
 * not fixed here: libtorch keeps it per thread, and the runner gives each training the cores
 * divided by the trainings running at once, but no more threads than its batch has 128 rows for
 * ({@link IntraOpThreads}): one training alone at batch 512 uses 4 cores of 4, five scenarios on
 * two cores get one each, and batch 32 always stays on one. A user's own {@code
 * -Dai.djl.pytorch.num_threads} fixes it for every training. Float results depend on the count, so
 * a history is bit-identical for the same count only.
 */
public final class EngineSetup {

  private static final String THREADS = "ai.djl.pytorch.num_threads";
  private static final String INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

  private static volatile boolean configured;
  private static volatile boolean pytorch;

  private EngineSetup() {}

  /**
   * Applies the settings and starts the engine, once: every path that builds a model calls this
   * first (a trainer, an experiment); safe to call any number of times.
   */
  public static synchronized void configure() {
    if (configured) {
      return;
    }
    setIfAbsent(INTEROP_THREADS, "1");
    Engine engine = Engine.getInstance();
    pytorch = "PyTorch".equals(engine.getEngineName());
    if (System.getProperty(THREADS) == null && pytorch) {
      // libtorch counts the machine's CPUs, not a cgroup's CPU quota (JupyterHub's per-user
      // limit): under a 1-CPU quota on 2 cores its default stayed 2. The JVM's count follows the
      // quota; set at start, it becomes the default of every thread that sets none itself.
      JniUtils.setNumThreads(
          Math.min(JniUtils.getNumThreads(), Runtime.getRuntime().availableProcessors()));
    }
    configured = true;
  }

  /** Returns whether the engine is PyTorch, starting it ({@link #configure}) if it has not. */
  public static boolean isPyTorch() {
    if (!configured) {
      configure();
    }
    return pytorch;
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
        + ", intra-op threads per training: "
        + (System.getProperty(THREADS) != null
            ? System.getProperty(THREADS) + " (-D" + THREADS + ")"
            : "cores ÷ trainings at once, at most batch ÷ "
                + IntraOpThreads.MIN_ROWS_PER_THREAD
                + ", "
                + Runtime.getRuntime().availableProcessors()
                + " cores");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
