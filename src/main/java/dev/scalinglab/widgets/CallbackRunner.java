package dev.scalinglab.widgets;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs widget callbacks one after the other on a worker thread, so the kernel's shell thread stays
 * free to receive messages (a click, a stop) while a callback trains.
 */
public final class CallbackRunner {
  private final AtomicReference<Thread> running = new AtomicReference<>();
  private final ExecutorService worker;
  private volatile Consumer<Throwable> errors = e -> e.printStackTrace();

  /** Starts the (daemon) worker thread lazily. */
  public CallbackRunner() {
    worker =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "widget-callbacks");
              t.setDaemon(true);
              return t;
            });
  }

  /** Sends exceptions thrown by callbacks to {@code sink} (default: standard error). */
  public void onError(Consumer<Throwable> sink) {
    errors = sink;
  }

  /** Queues {@code callback}; it runs after those queued before it. */
  public void submit(Runnable callback) {
    worker.execute(
        () -> {
          running.set(Thread.currentThread());
          try {
            callback.run();
          } catch (Throwable e) {
            errors.accept(e);
          } finally {
            running.set(null);
            Thread.interrupted(); // an interrupt meant for this callback must not hit the next one
          }
        });
  }

  /** Interrupts the callback running now, if any (the kernel's stop button calls this). */
  public boolean interrupt() {
    Thread t = running.get();
    if (t != null) {
      t.interrupt();
      return true;
    }
    return false;
  }

  /** Waits until every callback queued so far has run; returns false on timeout. */
  public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    worker.execute(done::countDown);
    return done.await(timeout, unit);
  }
}
