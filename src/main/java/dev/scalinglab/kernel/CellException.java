package dev.scalinglab.kernel;

import java.util.List;

/** A cell failed; carries the short, readable traceback lines shown in the notebook. */
public class CellException extends RuntimeException {
  private final List<String> traceback;

  /** Creates a failure with a one-line {@code message} and the lines to show. */
  public CellException(String message, List<String> traceback) {
    super(message);
    this.traceback = List.copyOf(traceback);
  }

  /** Has no Java stack: the kernel's own frames would only bury the cell's error in replies. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  /** Returns the lines shown in the notebook, without newlines. */
  public List<String> traceback() {
    return traceback;
  }
}
