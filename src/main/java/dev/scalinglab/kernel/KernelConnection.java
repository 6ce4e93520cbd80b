package dev.scalinglab.kernel;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;

/**
 * The kernel's sockets, bound as the library binds them, but announcing {@code starting} in the
 * kernel's session: the library's status has no parent and so no {@code session}, which JupyterLab
 * rejects.
 */
final class KernelConnection extends JupyterConnection {
  private final KernelConnectionProperties properties;
  private boolean connected;

  /** Creates the sockets described by {@code properties} (the connection file). */
  KernelConnection(KernelConnectionProperties properties)
      throws NoSuchAlgorithmException, InvalidKeyException {
    super(properties);
    this.properties = properties;
  }

  @Override
  public synchronized void connect() {
    if (connected) {
      return;
    }
    for (var socket : List.of(heartbeat, shell, control, stdin, iopub)) {
      socket.bind(properties);
    }
    iopub.sendMessage(
        KernelSession.message(
            null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING, null, null));
    connected = true;
  }
}
