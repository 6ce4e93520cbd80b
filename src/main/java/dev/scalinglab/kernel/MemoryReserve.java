package dev.scalinglab.kernel;

import java.util.Locale;

/**
 * Heap kept back for the kernel itself. When a cell fills the heap (its variables keep the data
 * alive), the kernel frees this reserve so that it can still compile, reply and answer the next
 * request, and it tells the user how full the heap still is.
 */
final class MemoryReserve {
  private static final long MB = 1 << 20;
  private static volatile byte[] reserve;

  private MemoryReserve() {}

  /** Keeps a reserve of 1/16 of the maximum heap, 16 to 64 MB (enough for javac and a reply). */
  static synchronized void keep() {
    if (reserve == null) {
      long size = Math.max(16 * MB, Math.min(64 * MB, Runtime.getRuntime().maxMemory() / 16));
      try {
        reserve = new byte[(int) size];
      } catch (OutOfMemoryError e) {
        reserve = null;
      }
    }
  }

  /** Frees the reserve after an OutOfMemoryError and returns the advice to show with it. */
  static String release() {
    reserve = null;
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long used = (rt.totalMemory() - rt.freeMemory()) / MB;
    long max = rt.maxMemory() / MB;
    String state =
        String.format(Locale.ROOT, "the heap holds %d MB of its %d MB (-Xmx)", used, max);
    return used > max * 0.8
        ? state
            + " after a GC: variables still keep the data alive. Set them to null (e.g."
            + " `hog = null;`) and re-run, or restart the kernel (Kernel > Restart)"
        : state + " after a GC: the kernel can go on";
  }
}
