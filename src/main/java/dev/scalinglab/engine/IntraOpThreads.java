package dev.scalinglab.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's intra-op thread count of the calling Java thread.
 *
 * <p>libtorch keeps the count per native thread (OpenMP's and MKL's thread-local settings): a
 * thread takes the process-wide value the first time it asks, and keeps what it sets afterwards. So
 * each training thread can have its own count, e.g. 2 for one training alone on 2 cores and 1 each
 * for two trainings side by side. Small batches stay on one thread (see {@link
 * #MIN_ROWS_PER_THREAD}): at the question's batch of 32 a second thread makes a step slower. Float
 * results depend on the count (a reduction split over threads adds in another order), so a run is
 * bit-identical only for the same count.
 */
public final class IntraOpThreads {

  /** The user's override, as DJL reads it: {@code -Dai.djl.pytorch.num_threads=N}. */
  public static final String PROPERTY = "ai.djl.pytorch.num_threads";

  private static final Object LOCK = new Object();

  private IntraOpThreads() {}

  /**
   * Below this many batch rows per thread a second intra-op thread costs more than it saves: the
   * fork and join of every op outweigh the split of its work. Measured on a 2-core VM with {@code
   * bench --batches 32,64,128,256,1024 --threads 1,2 --rounds 3}, our epoch seconds at 1 vs 2
   * threads: batch 32 1.56 vs 3.02, 64 1.22 vs 1.92, 128 1.04 vs 1.36, 256 0.97 vs 0.95, 1024 1.05
   * vs 0.65.
   */
  public static final int MIN_ROWS_PER_THREAD = 128;

  /**
   * Returns the intra-op threads each of {@code concurrent} trainings at {@code batchSize} gets:
   * the cores divided among them, but no more threads than the batch has {@value
   * #MIN_ROWS_PER_THREAD} rows for, and at least 1; unless the user fixed the count with {@value
   * #PROPERTY}.
   */
  public static int perTraining(int concurrent, int batchSize) {
    return perTraining(
        concurrent,
        batchSize,
        Runtime.getRuntime().availableProcessors(),
        Integer.getInteger(PROPERTY));
  }

  /** Returns {@code fixed} if set (> 0), else min(cores / concurrent, batch / 128), at least 1. */
  static int perTraining(int concurrent, int batchSize, int cores, Integer fixed) {
    if (fixed != null && fixed > 0) {
      return fixed;
    }
    int share = cores / Math.max(1, concurrent);
    return Math.max(1, Math.min(share, batchSize / MIN_ROWS_PER_THREAD));
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
