package dev.scalinglab.kernel;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dflib.jjava.jupyter.channels.ReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommFactory;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;
import org.dflib.jjava.jupyter.messages.comm.CommOpenCommand;

/**
 * A comm manager whose messages name their cause, as ipykernel's do: what the kernel sends while
 * handling a comm message from the frontend is a child of that message (the library parented it to
 * the last execute request, or to nothing before the first), and a message with no cause at all
 * still carries the kernel's session ({@link KernelSession}). JupyterLab's widget manager asks for
 * every widget's state before any cell runs; the answer had no session and was dropped.
 */
public final class KernelCommManager extends CommManager {

  /** Longest a frontend's comm_open waits for the extensions that register comm targets. */
  private static final long TARGETS_WAIT_SECONDS = 30;

  private volatile CompletableFuture<?> targetsReady = CompletableFuture.completedFuture(null);

  /**
   * Holds comm_open messages until {@code ready} completes: targets (the widgets' among them) are
   * registered by extensions installed once JShell has started, while JupyterLab opens its widget
   * control comm as soon as it connects; opened before, it was closed as unknown.
   */
  void openTargetsWhen(CompletableFuture<?> ready) {
    targetsReady = ready;
  }

  /**
   * Returns the msg_id of the request being handled now (the last execute request or comm message),
   * or "" before the first: what an Output widget's capture hands to the frontend.
   */
  public String parentMessageId() {
    var parent = context;
    return parent == null || parent.getHeader() == null ? "" : parent.getHeader().getId();
  }

  @Override
  public void handleCommOpenCommand(ReplyEnvironment env, Message<CommOpenCommand> message) {
    try {
      targetsReady.get(TARGETS_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Without its extensions the kernel still answers: an unknown target gets comm_close.
    }
    setMessageContext(message);
    super.handleCommOpenCommand(env, message);
  }

  @Override
  public void handleCommMsgCommand(ReplyEnvironment env, Message<CommMsgCommand> message) {
    setMessageContext(message);
    super.handleCommMsgCommand(env, message);
  }

  @Override
  public void handleCommCloseCommand(ReplyEnvironment env, Message<CommCloseCommand> message) {
    setMessageContext(message);
    super.handleCommCloseCommand(env, message);
  }

  @Override
  public <T extends Comm> T openComm(String targetName, CommFactory<T> factory) {
    if (iopub == null) {
      return null;
    }
    Message<CommOpenCommand> message =
        KernelSession.message(
            context,
            CommOpenCommand.MESSAGE_TYPE,
            new CommOpenCommand(UUID.randomUUID().toString(), targetName, new JsonObject()),
            null,
            null);
    T comm = factory.produce(this, message.getContent().getCommID(), targetName, message);
    iopub.sendMessage(message);
    registerComm(comm);
    return comm;
  }

  /**
   * Opens {@code comm} on the frontend with what jjava's {@link #openComm(String, CommFactory)}
   * cannot send: the comm's own id, {@code data}, {@code metadata} and binary {@code buffers} in
   * the comm_open itself (a widget's state, {@code metadata.version} and its buffers); then routes
   * the frontend's messages to {@code comm}, as {@code openComm} does.
   *
   * @throws IllegalStateException if no frontend is connected yet
   */
  public void openComm(
      Comm comm, JsonObject data, Map<String, Object> metadata, List<byte[]> buffers) {
    if (iopub == null) {
      throw new IllegalStateException("the kernel is not connected to a frontend yet");
    }
    Message<CommOpenCommand> message =
        KernelSession.message(
            context,
            CommOpenCommand.MESSAGE_TYPE,
            new CommOpenCommand(comm.getID(), comm.getTargetName(), data),
            metadata == null || metadata.isEmpty() ? null : metadata,
            buffers == null || buffers.isEmpty() ? null : buffers);
    synchronized (this) {
      registerComm(comm);
    }
    iopub.sendMessage(message);
  }

  @Override
  public void messageComm(
      String commId, JsonObject data, Map<String, Object> metadata, List<byte[]> blobs) {
    iopub.sendMessage(
        KernelSession.message(
            context,
            CommMsgCommand.MESSAGE_TYPE,
            new CommMsgCommand(commId, data),
            metadata,
            blobs));
  }

  // closeComm stays the library's: a comm exists only after a request, so it has a context.
}
