package dev.scalinglab.bench;

/** PyTorch could not run or answer; the message says why in one line (shown in the table). */
public final class TorchUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with the one-line reason. */
  public TorchUnavailableException(String why) {
    super(why);
  }
}
