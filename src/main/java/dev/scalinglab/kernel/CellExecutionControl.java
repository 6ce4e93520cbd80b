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
import java.util.stream.Stream;
import jdk.jshell.execution.LocalExecutionControl;

/**
 * Runs snippets in the kernel's own JVM on a worker thread, so a cell can be stopped or timed out,
 * and keeps each snippet's value as an object (JShell only sees a key) for rich display.
 *
 * <p>Stopping builds on JShell's {@link LocalExecutionControl}: on JDK 21 and later it weaves a
 * stop check into every snippet method and loop, which its {@code stop()} arms, so a busy loop in a
 * cell ends without {@code Thread.stop} (which throws since JDK 20). On JDK 17 a cell that ignores
 * the interrupt is stopped with {@code Thread.stop} after a grace period, as JShell does there.
 */
final class CellExecutionControl extends LocalExecutionControl {
  private static final Object NULL = new Object();
  private static final long STOP_GRACE_MILLIS = 1000;
  private static final Method NO_OP = noOp();
  private final AtomicInteger threads = new AtomicInteger();
  private final Map<String, Object> values = new ConcurrentHashMap<>();
  private final AtomicLong keys = new AtomicLong();
  private final long timeoutMillis;
  private volatile Future<Object> running;
  private volatile Thread runner;
  private volatile boolean stopRequested;

  /** Creates a control that stops each snippet after {@code timeoutMillis} (-1: never). */
  CellExecutionControl(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  private static Method noOp() {
    try {
      return Thread.class.getMethod("onSpinWait");
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Loads snippet classes with exit calls redirected; the JDK's control then weaves stop checks.
   */
  @Override
  public void load(ClassBytecodes[] cbcs)
      throws ClassInstallException, NotImplementedException, EngineTerminationException {
    super.load(
        Stream.of(cbcs)
            .map(c -> new ClassBytecodes(c.name(), ExitGuard.rewrite(c.bytecodes())))
            .toArray(ClassBytecodes[]::new));
  }

  @Override
  protected String invoke(Method doitMethod) throws Exception {
    if (stopRequested) {
      // Interrupted while JShell compiled this snippet: it does not start.
      throw new StoppedException();
    }
    // JShell's own invoke disarms the woven stop checks (and sets them up once): run it on a no-op.
    super.invoke(NO_OP);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    FutureTask<Object> task =
        new FutureTask<>(
            () -> {
              try {
                return doitMethod.invoke(null);
              } catch (Exception | Error e) {
                if (e instanceof OutOfMemoryError || e.getCause() instanceof OutOfMemoryError) {
                  // Heap back for the kernel's threads before anything builds the error report.
                  MemoryReserve.drop();
                }
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
      thread.join(STOP_GRACE_MILLIS + 500);
      if (thread.isAlive()) {
        throw new UserException(
            "the cell's thread is still running (code outside the cell ignores the interrupt);"
                + " restart the kernel to stop it",
            "StillRunning",
            new StackTraceElement[0]);
      }
      Throwable said = failure.get();
      if (said instanceof InvocationTargetException ite
          && !(ite.getCause() instanceof InterruptedException)
          && !isStop(ite.getCause())) {
        throw ite;
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
      if (cause instanceof InvocationTargetException ite && isStop(ite.getCause())) {
        throw new StoppedException();
      }
      if (cause instanceof Error error) {
        throw new InvocationTargetException(error);
      }
      throw cause instanceof Exception ex ? ex : e;
    } finally {
      running = null;
      runner = null;
    }
  }

  /**
   * True for what a stop throws in the cell: JShell's woven check and Thread.stop (ThreadDeath).
   */
  @SuppressWarnings("removal")
  private static boolean isStop(Throwable t) {
    return t instanceof ThreadDeath;
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

  /** Starts a new cell: an interrupt of the previous one no longer applies. */
  void newCell() {
    stopRequested = false;
  }

  /** Stops the running snippet and keeps the cell's later snippets from starting. */
  void stopCell() {
    stopRequested = true;
    stop();
  }

  /** Returns true while a snippet runs. */
  boolean isRunning() {
    return running != null;
  }

  /**
   * Interrupts the running snippet, arms JShell's woven stop checks (JDK 21+) and returns at once;
   * on JDK 17 a snippet that ignores both is stopped after a grace period with Thread.stop.
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
    try {
      super.stop();
    } catch (EngineTerminationException | InternalException e) {
      // Only the woven checks are lost; the interrupt and the JDK 17 fallback still apply.
    }
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
      // JDK 20+: Thread.stop is gone; a loop outside cell code (not woven) keeps running.
    }
  }

  @Override
  public void close() {
    stop();
    super.close();
  }
}
