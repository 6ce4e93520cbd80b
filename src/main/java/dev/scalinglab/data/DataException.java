package dev.scalinglab.data;

/** A problem with the Fashion-MNIST files whose message says what is wrong and what to do. */
public final class DataException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a user-facing message. */
  public DataException(String message) {
    super(message);
  }

  /** Creates an exception with a user-facing message and its cause. */
  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
