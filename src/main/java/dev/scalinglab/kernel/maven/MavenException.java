package dev.scalinglab.kernel.maven;

/** Resolution failed; the message is one sentence that names what could not be had. */
public final class MavenException extends RuntimeException {
  /** Creates a failure with a one-line {@code message}. */
  public MavenException(String message) {
    super(message);
  }
}
