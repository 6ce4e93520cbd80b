package dev.scalinglab.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's intra-op thread count of the calling Java thread.
 *
 * <p>libtorch keeps the count per native thread (OpenMP's and MKL's thread-local settings): a
 * thread takes the process-wide value the first time it asks, and keeps what it sets afterwards. So
 * each training thread can have its own count, e.g. 2 for one training alone on 2 cores and 1 each
 * for two trainings side by side. Float results depend on the count (a reduction split over threads
 * adds in another order), so a run is bit-identical only for the same count.
 */
public final class IntraOpThreads {

  /** The user's override, as DJL reads it: {@code -Dai.djl.pytorch.num_threads=N}. */
  public static final String PROPERTY = "ai.djl.pytorch.num_threads";

  private static final Object LOCK = new Object();

  private IntraOpThreads() {}

  /**
   * Returns the intra-op threads each of {@code concurrent} trainings gets: the cores divided among
   * them (at least 1), unless the user fixed the count with {@value #PROPERTY}.
   */
  public static int perTraining(int concurrent) {
    return perTraining(
        concurrent, Runtime.getRuntime().availableProcessors(), Integer.getInteger(PROPERTY));
  }

  /** Returns {@code fixed} if set (> 0), otherwise {@code cores / concurrent}, at least 1. */
  static int perTraining(int concurrent, int cores, Integer fixed) {
    if (fixed != null && fixed > 0) {
      return fixed;
    }
    return Math.max(1, cores / Math.max(1, concurrent));
  }

  /**
   * Sets the calling thread's intra-op thread count (no-op on engines other than PyTorch). Call it
   * on the training's own thread before its first engine op.
   */
  public static void apply(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (!isPyTorch()) {
      return;
    }
    synchronized (LOCK) {
      // The first query initialises this thread from the process-wide value; the set after it
      // then stays this thread's own, whatever other threads set later.
      JniUtils.getNumThreads();
      JniUtils.setNumThreads(threads);
    }
  }

  /** Returns the calling thread's intra-op thread count (1 on engines other than PyTorch). */
  public static int current() {
    return isPyTorch() ? JniUtils.getNumThreads() : 1;
  }

  private static boolean isPyTorch() {
    return "PyTorch".equals(Engine.getInstance().getEngineName());
  }
}
