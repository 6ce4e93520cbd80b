package dev.scalinglab.experiment;

import dev.scalinglab.engine.IntraOpThreads;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names trainer threads, keeps them from holding the JVM open, and gives each its share of the
 * cores as libtorch intra-op threads (libtorch keeps that count per thread).
 */
final class TrainerThreads implements ThreadFactory {
  private final AtomicInteger count = new AtomicInteger();
  private final int intraOpThreads;

  /** Threads for {@code concurrent} trainings at once: cores ÷ concurrent intra-op threads each. */
  TrainerThreads(int concurrent) {
    this.intraOpThreads = IntraOpThreads.perTraining(concurrent);
  }

  @Override
  public Thread newThread(Runnable r) {
    Runnable withThreads =
        () -> {
          IntraOpThreads.apply(intraOpThreads);
          r.run();
        };
    Thread t = new Thread(withThreads, "scaling-lab-trainer-" + count.incrementAndGet());
    t.setDaemon(true);
    return t;
  }
}
