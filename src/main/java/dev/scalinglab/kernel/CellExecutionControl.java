package dev.scalinglab.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * Runs snippets in the kernel's own JVM on a worker thread, so a cell can be stopped or timed out,
 * and keeps each snippet's value as an object (JShell only sees a key) for rich display.
 */
final class CellExecutionControl extends DirectExecutionControl {
  private static final Object NULL = new Object();
  private static final long STOP_GRACE_MILLIS = 1000;
  private final AtomicInteger threads = new AtomicInteger();
  private final Map<String, Object> values = new ConcurrentHashMap<>();
  private final AtomicLong keys = new AtomicLong();
  private final long timeoutMillis;
  private volatile Future<Object> running;
  private volatile Thread runner;

  /** Creates a control that stops each snippet after {@code timeoutMillis} (-1: never). */
  CellExecutionControl(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  protected String invoke(Method doitMethod) throws Exception {
    AtomicReference<Exception> failure = new AtomicReference<>();
    FutureTask<Object> task =
        new FutureTask<>(
            () -> {
              try {
                return doitMethod.invoke(null);
              } catch (Exception e) {
                failure.set(e);
                throw e;
              }
            });
    Thread thread = new Thread(task, "cell-" + threads.incrementAndGet());
    thread.setDaemon(true);
    // Snippet classes (and jars added with %jars) are visible to ServiceLoader and friends.
    thread.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
    running = task;
    runner = thread;
    thread.start();
    try {
      Object value =
          timeoutMillis > 0 ? task.get(timeoutMillis, TimeUnit.MILLISECONDS) : task.get();
      String key = "value-" + keys.incrementAndGet();
      values.put(key, value == null ? NULL : value);
      return key;
    } catch (CancellationException e) {
      // Interrupted: let the cell finish its way out and report what it said (a training says how
      // many epochs it completed); a cell that ended silently was simply stopped.
      thread.join(STOP_GRACE_MILLIS + 200);
      Exception said = failure.get();
      if (said instanceof InvocationTargetException ite
          && !(ite.getCause() instanceof InterruptedException)) {
        throw said;
      }
      throw new StoppedException();
    } catch (TimeoutException e) {
      halt(task, thread);
      throw new UserException(
          "cell ran longer than IJAVA_TIMEOUT=" + timeoutMillis + " ms",
          TimeoutException.class.getName(),
          new StackTraceElement[0]);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof Exception ex ? ex : e;
    } finally {
      running = null;
      runner = null;
    }
  }

  /** Returns and forgets the value JShell knows by {@code key}; {@code null} stays null. */
  Object takeValue(String key) {
    Object value = values.remove(key);
    return value == NULL ? null : value;
  }

  /** Returns true if {@code key} names a value kept by this control. */
  boolean hasValue(String key) {
    return key != null && values.containsKey(key);
  }

  /** Forgets all kept values. */
  void clearValues() {
    values.clear();
  }

  /**
   * Interrupts the running snippet and returns at once; a snippet that ignores the interrupt (a
   * busy loop) is stopped after a grace period the way JShell's local engine does it.
   */
  @Override
  public void stop() {
    Future<Object> task = running;
    Thread thread = runner;
    if (task != null && thread != null) {
      halt(task, thread);
    }
  }

  private void halt(Future<Object> task, Thread thread) {
    task.cancel(true);
    Thread watchdog = new Thread(() -> forceStop(thread), "cell-stop");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  @SuppressWarnings({"deprecation", "removal"})
  private void forceStop(Thread thread) {
    try {
      thread.join(STOP_GRACE_MILLIS);
      if (thread.isAlive()) {
        thread.stop();
      }
    } catch (InterruptedException | UnsupportedOperationException e) {
      // Nothing more can be done: the thread keeps running, the kernel stays usable.
    }
  }

  @Override
  public void close() {
    stop();
    super.close();
  }
}
