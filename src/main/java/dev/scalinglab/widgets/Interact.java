package dev.scalinglab.widgets;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Re-runs a function when controls change (debounced) or when a button is clicked, and shows what
 * it returns in an {@link Output}. Runs happen on the manager's callback thread; a new request
 * interrupts a run still going, so the newest settings win, and the kernel's stop button interrupts
 * it too.
 */
public final class Interact {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "widget-debounce");
            t.setDaemon(true);
            return t;
          });

  /** Runs a task after a delay; what debouncing needs of a timer (a test drives its own). */
  @FunctionalInterface
  interface Timer {
    /** Runs {@code task} after {@code delay} unless the returned future is cancelled first. */
    Future<?> schedule(Runnable task, Duration delay);
  }

  private static final Timer REAL_TIME =
      (task, delay) -> TIMER.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);

  private final WidgetManager manager;
  private final Output output;
  private final Supplier<?> function;
  private final Timer timer;
  private final AtomicInteger runs = new AtomicInteger();
  private volatile Thread running;
  private Future<?> pending;

  private Interact(WidgetManager manager, Output output, Supplier<?> function, Timer timer) {
    this.manager = manager;
    this.output = output;
    this.function = function;
    this.timer = timer;
  }

  /**
   * Runs {@code function} into {@code output} {@code debounce} after the last change of any of
   * {@code controls} (their {@code value}, or {@code index} for selections).
   */
  public static Interact onChange(
      WidgetManager manager,
      Output output,
      Duration debounce,
      Supplier<?> function,
      Widget... controls) {
    return onChange(manager, output, debounce, function, REAL_TIME, controls);
  }

  /**
   * As {@link #onChange(WidgetManager, Output, Duration, Supplier, Widget...)}, on {@code timer}.
   */
  static Interact onChange(
      WidgetManager manager,
      Output output,
      Duration debounce,
      Supplier<?> function,
      Timer timer,
      Widget... controls) {
    Interact interact = new Interact(manager, output, function, timer);
    for (Widget control : controls) {
      String key = control.hasKey("value") ? "value" : "index";
      control.observe(key, v -> interact.schedule(debounce));
    }
    return interact;
  }

  /** Runs {@code function} into {@code output} on each click of {@code button}. */
  public static Interact onClick(
      WidgetManager manager, Button button, Output output, Supplier<?> function) {
    Interact interact = new Interact(manager, output, function, REAL_TIME);
    button.onClick(interact::runHere);
    return interact;
  }

  /** Returns how many runs have finished (completed, failed or interrupted). */
  public int runs() {
    return runs.get();
  }

  /** Queues a run now, interrupting one still going. */
  public void run() {
    interruptRunning();
    manager.callbacks().submit(this::runHere);
  }

  private synchronized void schedule(Duration debounce) {
    if (pending != null) {
      pending.cancel(false);
    }
    pending = timer.schedule(this::run, debounce);
  }

  private void interruptRunning() {
    Thread t = running;
    if (t != null) {
      t.interrupt();
    }
  }

  private void runHere() {
    running = Thread.currentThread();
    try {
      output.clear();
      Object result = function.get();
      if (result != null) {
        output.appendDisplay(manager.render(result));
      }
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      output.appendStream("stderr", "error: " + message + "\n");
    } finally {
      running = null;
      runs.incrementAndGet();
    }
  }
}
