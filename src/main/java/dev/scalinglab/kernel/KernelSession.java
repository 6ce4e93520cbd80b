package dev.scalinglab.kernel;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.MessageType;

/**
 * The kernel's own messaging session, for the messages it sends with no request as parent (the
 * {@code starting} status, a comm message before the first request). The kernel library builds
 * their header from the parent's, so without one the header has no {@code session}, and JupyterLab
 * drops the message ("Kernel message validation error: Missing property 'session'").
 */
public final class KernelSession {
  private static final String ID = UUID.randomUUID().toString();

  private KernelSession() {}

  /** Returns this kernel's session id, as ipykernel's {@code Session.session}. */
  public static String id() {
    return ID;
  }

  /**
   * Returns a message of {@code type} that is a child of {@code parent}, or, if {@code parent} is
   * null, one in the kernel's own session with an empty parent header.
   */
  public static <T> Message<T> message(
      MessageContext parent,
      MessageType<T> type,
      T content,
      Map<String, Object> metadata,
      List<byte[]> blobs) {
    if (parent != null) {
      return new Message<>(parent, type, content, blobs, metadata);
    }
    return new Message<>(new Header<>(ID, type), content, metadata, blobs);
  }
}
