package dev.scalinglab.experiment;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names trainer threads and keeps them from holding the JVM open. */
final class TrainerThreads implements ThreadFactory {
  private final AtomicInteger count = new AtomicInteger();

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r, "scaling-lab-trainer-" + count.incrementAndGet());
    t.setDaemon(true);
    return t;
  }
}
