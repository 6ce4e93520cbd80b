package dev.scalinglab.cli;

import dev.scalinglab.experiment.Experiment;
import dev.scalinglab.train.History;
import dev.scalinglab.train.TrainingInterruptedException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The commands' one Ctrl-C hook: Ctrl-C (SIGINT) cancels the running experiment, and the command
 * prints the epochs each run completed, once, instead of an error.
 *
 * <p>The JVM runs shutdown hooks and then halts, whatever the other threads do; so the hook cancels
 * the experiment, whose {@code run} then throws in the command's thread, and waits (up to {@value
 * #REPORT_SECONDS} s) until that thread has printed the report.
 */
final class CtrlC {

  private static final long REPORT_SECONDS = 30;

  /** Thrown once the report is printed: the command ends with no further message. */
  static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Interrupted(Throwable cause) {
      super("interrupted", cause);
    }
  }

  private CtrlC() {}

  /**
   * Returns {@code body}'s result (a call that runs {@code experiment}); on Ctrl-C prints the
   * epochs each run of {@code experiment} completed to {@code out} and throws {@link Interrupted}.
   */
  static <T> T guard(Experiment experiment, PrintWriter out, Supplier<T> body) {
    AtomicBoolean pressed = new AtomicBoolean();
    CountDownLatch reported = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              pressed.set(true);
              experiment.cancel();
              try {
                reported.await(REPORT_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "scaling-lab-ctrl-c");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return body.get();
    } catch (TrainingInterruptedException e) {
      if (!pressed.get()) {
        throw e;
      }
      report(experiment, out);
      reported.countDown();
      throw new Interrupted(e);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already exiting (Ctrl-C): the hook is running.
      }
    }
  }

  private static void report(Experiment experiment, PrintWriter out) {
    History partial = experiment.history();
    out.println();
    out.println("interrupted: epochs completed per scenario:");
    for (String name : experiment.plan().names()) {
      out.println("  " + name + ": " + partial.rows(name).size());
    }
    out.flush();
  }
}
