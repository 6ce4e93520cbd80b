package dev.scalinglab.experiment;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names trainer threads and keeps them from holding the JVM open; each run sets the thread's
 * libtorch intra-op count itself ({@link RunTask}), since runs of one plan may differ in batch
 * size.
 */
final class TrainerThreads implements ThreadFactory {
  private final AtomicInteger count = new AtomicInteger();

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r, "scaling-lab-trainer-" + count.incrementAndGet());
    t.setDaemon(true);
    return t;
  }
}
