package dev.scalinglab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child process's output, read on its own daemon thread with bounded memory: reply lines (JSON
 * objects) go to a small queue, anything else keeps only its last few lines for error messages, and
 * a line longer than {@value #MAX_LINE} characters is cut. A child that prints without end or never
 * answers thus costs neither heap nor a hung caller: {@link #nextReply} waits at most its timeout.
 */
final class ChildOutput {

  static final int MAX_LINE = 64 * 1024;
  private static final int KEPT_LINES = 8;
  private static final String END = "\u0000end";

  private final BlockingQueue<String> replies = new ArrayBlockingQueue<>(4);
  private final Deque<String> lastLines = new ArrayDeque<>();
  private final Thread reader;
  private volatile boolean ended;

  ChildOutput(InputStream stream, String name) {
    reader = new Thread(() -> pump(stream), name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Returns the next reply line, or null when none came within {@code timeoutMillis} or the output
   * ended.
   */
  String nextReply(long timeoutMillis) throws InterruptedException {
    String line = replies.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    if (line == null || line.equals(END)) {
      if (line != null) {
        ended = true;
        replies.offer(END); // later calls see the end too
      }
      return null;
    }
    return line;
  }

  /**
   * Returns whether the child closed its output (seen by a {@link #nextReply} that returned null).
   */
  boolean ended() {
    return ended;
  }

  /** Stops the reader thread (the child must be gone or going). */
  void close() {
    reader.interrupt();
  }

  /** Returns the last non-reply lines, joined on one line (for an error message). */
  synchronized String tail() {
    return String.join(" | ", lastLines);
  }

  private void pump(InputStream stream) {
    try (Reader in = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != -1) {
        if (c == '\n') {
          take(line.toString());
          line.setLength(0);
        } else if (line.length() < MAX_LINE) {
          line.append((char) c);
        }
      }
      if (line.length() > 0) {
        take(line.toString());
      }
    } catch (IOException e) {
      keep("(output unreadable: " + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      replies.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void take(String line) throws InterruptedException {
    String s = line.strip();
    if (s.startsWith("{") && s.endsWith("}")) {
      replies.put(s); // blocks while the caller is behind: back-pressure, not heap
    } else if (!s.isEmpty()) {
      keep(s);
    }
  }

  private synchronized void keep(String line) {
    if (lastLines.size() == KEPT_LINES) {
      lastLines.removeFirst();
    }
    lastLines.addLast(line.length() > 200 ? line.substring(0, 200) + "..." : line);
  }
}
