package dev.scalinglab.kernel;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A cell's stdout or stderr as few, large stream messages instead of one per {@code println}: the
 * kernel library's one-message-per-flush made the iopub socket drop output past its high-water
 * mark, silently. Text is sent every {@link #INTERVAL_MILLIS} ms (by {@link #sendDue()}), on {@link
 * #sendNow()}, and by the writer itself when a message is full (back-pressure). Past {@link
 * #MAX_CELL_BYTES} the rest is counted, not sent, and {@link #close()} says how much was cut.
 */
final class StreamBatcher extends OutputStream {
  /** How often buffered text is sent while a cell prints. */
  static final long INTERVAL_MILLIS = 50;

  /** Largest single message; a writer waits while this much is unsent. */
  static final int MAX_MESSAGE_BYTES = 1 << 20;

  /** Output of one cell on one stream beyond which lines are counted, not shown (a browser tab). */
  static final long MAX_CELL_BYTES = 10L << 20;

  private final Consumer<String> send;
  private final long maxCellBytes;
  private byte[] buffer = new byte[8192];
  private int size;
  private long sentBytes;
  private long cutBytes;
  private long cutLines;
  private byte lastCut = '\n';
  private long lastSend = System.nanoTime();
  private boolean closed;

  /** Creates a batcher that hands each batch of text to {@code send}. */
  StreamBatcher(Consumer<String> send) {
    this(send, MAX_CELL_BYTES);
  }

  /** Creates a batcher that cuts a cell's output after {@code maxCellBytes}. */
  StreamBatcher(Consumer<String> send, long maxCellBytes) {
    this.send = send;
    this.maxCellBytes = maxCellBytes;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] bytes, int off, int len) {
    if (closed) {
      return;
    }
    for (int i = off; i < off + len; i++) {
      if (sentBytes + size >= maxCellBytes) {
        count(bytes, i, off + len);
        return;
      }
      if (size == MAX_MESSAGE_BYTES) {
        sendBuffered(size);
      }
      if (size == buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.min(MAX_MESSAGE_BYTES, buffer.length * 2));
      }
      buffer[size++] = bytes[i];
    }
  }

  private void count(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      cutBytes++;
      lastCut = bytes[i];
      if (bytes[i] == '\n') {
        cutLines++;
      }
    }
  }

  /** Called by the kernel's timer: sends what is buffered if the interval has passed. */
  synchronized void sendDue() {
    if (size > 0 && System.nanoTime() - lastSend >= INTERVAL_MILLIS * 1_000_000L) {
      sendBuffered(utf8End());
    }
  }

  /**
   * Does nothing: {@code println} flushes its stream every line, and sending a message per line is
   * what lost output. Text goes out on the timer, when a message is full, and on {@link #sendNow}.
   */
  @Override
  public void flush() {}

  /** Sends everything buffered now (before a display, a result or the reply). */
  synchronized void sendNow() {
    sendBuffered(size);
  }

  /** Sends what is left and closes: later writes are ignored. */
  @Override
  public synchronized void close() {
    if (!closed) {
      endCell();
      closed = true;
    }
  }

  /** Sends what is left and, if output was cut, a line that says how much (once). */
  synchronized void endCell() {
    sendNow();
    if (cutBytes > 0) {
      long lines = cutLines + (lastCut == '\n' ? 0 : 1);
      send.accept(
          String.format(
              "%n… %,d more lines (%,d bytes) not shown: this kernel shows at most %d MB of"
                  + " output per cell; write long logs to a file%n",
              lines, cutBytes, maxCellBytes >> 20));
      cutBytes = 0;
      cutLines = 0;
    }
  }

  private void sendBuffered(int end) {
    if (end <= 0) {
      return;
    }
    String text = new String(buffer, 0, end, StandardCharsets.UTF_8);
    System.arraycopy(buffer, end, buffer, 0, size - end);
    size -= end;
    sentBytes += end;
    lastSend = System.nanoTime();
    send.accept(text);
  }

  /** Returns the end of the last complete UTF-8 character in the buffer. */
  private int utf8End() {
    int start = size - 1;
    while (start > 0 && size - start < 4 && (buffer[start] & 0xC0) == 0x80) {
      start--;
    }
    int lead = buffer[start] & 0xFF;
    int length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return start + length <= size ? size : start;
  }
}
