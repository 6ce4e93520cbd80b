package dev.scalinglab.kernel;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
final class KernelCommManager extends CommManager {

  /**
   * Returns the msg_id of the request being handled now (the last execute request or comm message),
   * or "" before the first: what an Output widget's capture hands to the frontend.
   */
  String parentMessageId() {
    var parent = context;
    return parent == null || parent.getHeader() == null ? "" : parent.getHeader().getId();
  }

  @Override
  public void handleCommOpenCommand(ReplyEnvironment env, Message<CommOpenCommand> message) {
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
