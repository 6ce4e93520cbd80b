package dev.scalinglab.kernel;

import java.util.Locale;

/**
 * Heap kept back for the kernel itself. When a cell fills the heap (its variables keep the data
 * alive), the kernel frees this reserve so that it can still compile, reply and answer the next
 * request, and it tells the user how full the heap still is.
 *
 * <p>The reserve is taken again only where the heap has room for it and for a cell beside it: a
 * heap that variables still fill is left to the next cells. On JDK 21 and later G1's last-ditch
 * full GC moves humongous objects, so the reserve's array found room in the 38 MB that a 474 MB
 * {@code hog} left of 512 MB, and javac, the reply and the sockets' threads were left 1–6 MB (on
 * JDK 17 the fragmented heap refused the array, which is why only JDK 25 failed).
 */
final class MemoryReserve {
  private static final long MB = 1 << 20;
  private static volatile byte[] reserve;

  private MemoryReserve() {}

  /** The reserve's size: 1/16 of the maximum heap, 16 to 64 MB (enough for javac and a reply). */
  static long size() {
    return Math.max(16 * MB, Math.min(64 * MB, Runtime.getRuntime().maxMemory() / 16));
  }

  /**
   * Keeps the reserve, if the heap can spare it: after taking it, at least as much again must stay
   * free for the cell about to run (garbage counts as used, so a heap just freed by the user gets
   * its reserve back at a later cell, once a GC has run).
   */
  static synchronized void keep() {
    if (reserve == null) {
      long size = size();
      Runtime rt = Runtime.getRuntime();
      long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
      if (free < 2 * size) {
        return;
      }
      try {
        reserve = new byte[(int) size];
      } catch (OutOfMemoryError e) {
        reserve = null;
      }
    }
  }

  /**
   * Drops the reserve at once, without a GC: called by the cell's thread as soon as it sees an
   * OutOfMemoryError, so the kernel's other threads (sockets, heartbeat, JShell) get heap back
   * before the error is reported.
   */
  static void drop() {
    reserve = null;
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
