package dev.scalinglab.kernel;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;

/**
 * Points {@code System.out}, {@code System.err} and {@code System.in} at the running cell: output
 * as batched stream messages ({@link StreamBatcher}), input from the front end.
 */
final class CellStreams {
  private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "cell-output");
            t.setDaemon(true);
            return t;
          });
  private volatile StreamBatcher out;
  private volatile StreamBatcher err;

  CellStreams() {
    timer.scheduleWithFixedDelay(
        this::sendDue,
        StreamBatcher.INTERVAL_MILLIS,
        StreamBatcher.INTERVAL_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  private void sendDue() {
    StreamBatcher o = out;
    StreamBatcher e = err;
    if (o != null) {
      o.sendDue();
    }
    if (e != null) {
      e.sendDue();
    }
  }

  /**
   * Sends the cell's output to {@code env} (or nowhere for a silent request) and reads its input
   * from {@code in}; the previous streams come back when {@code env} resolves its deferrals.
   */
  void attach(ShellReplyEnvironment env, InputStream in, boolean silent) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    InputStream oldIn = System.in;
    if (silent) {
      System.setOut(DISCARD);
      System.setErr(DISCARD);
    } else {
      out = new StreamBatcher(t -> env.publish(new PublishStream(PublishStream.StreamType.OUT, t)));
      err = new StreamBatcher(t -> env.publish(new PublishStream(PublishStream.StreamType.ERR, t)));
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }
    System.setIn(in);
    env.defer(
        () -> {
          close();
          System.setOut(oldOut);
          System.setErr(oldErr);
          System.setIn(oldIn);
        });
  }

  /** Sends what the cell printed, and says if some was cut (before its result and reply). */
  void endCell() {
    flush();
    StreamBatcher o = out;
    StreamBatcher e = err;
    if (o != null) {
      o.endCell();
    }
    if (e != null) {
      e.endCell();
    }
  }

  /** Sends what the cell printed so far (before a display). */
  void flush() {
    System.out.flush();
    System.err.flush();
    StreamBatcher o = out;
    StreamBatcher e = err;
    if (o != null) {
      o.sendNow();
    }
    if (e != null) {
      e.sendNow();
    }
  }

  private void close() {
    StreamBatcher o = out;
    StreamBatcher e = err;
    out = null;
    err = null;
    if (o != null) {
      o.close();
    }
    if (e != null) {
      e.close();
    }
  }
}
