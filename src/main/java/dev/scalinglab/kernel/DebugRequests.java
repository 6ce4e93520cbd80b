package dev.scalinglab.kernel;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;

/**
 * Answers {@code debug_request} as a kernel without a debugger should: a {@code debug_reply} whose
 * content is a Debug Adapter Protocol response with {@code success: false}, between busy and idle
 * statuses (JupyterLab waits for both), so a frontend never waits for an answer that does not come.
 * The kernel_info reply says {@code debugger: false}.
 *
 * <p>The kernel library parses message types it does not know as "none" and drops their names, so
 * this handler receives every such message and recognises a debug request by its content, a DAP
 * request ({@code type: "request"} with a {@code command}); other unknown messages get no reply, as
 * in ipykernel.
 */
final class DebugRequests implements ShellHandler<Object> {
  private static final Gson GSON = new Gson();
  private static final System.Logger LOG = System.getLogger(DebugRequests.class.getName());
  private final SignedFrames frames;
  private final JupyterSocket iopub;
  private final AtomicInteger seq = new AtomicInteger();

  /**
   * Creates the handler replying through {@code frames} and publishing statuses on {@code iopub}.
   */
  DebugRequests(SignedFrames frames, JupyterSocket iopub) {
    this.frames = frames;
    this.iopub = iopub;
  }

  @Override
  public void handle(ShellReplyEnvironment env, Message<Object> message) {
    JsonElement content = GSON.toJsonTree(message.getContent());
    if (!isDapRequest(content)) {
      String text = String.valueOf(content);
      LOG.log(
          System.Logger.Level.WARNING,
          "ignored a message of a type this kernel does not know, content "
              + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
      return;
    }
    JsonObject request = content.getAsJsonObject();
    Header<?> header = message.getHeader();
    JsonObject parent =
        SignedFrames.header("debug_request", header.getUsername(), header.getSessionId());
    parent.addProperty("msg_id", header.getId());
    if (header.getTimestamp() != null) {
      parent.addProperty("date", header.getTimestamp().getDateString());
    }
    publishStatus(parent, "busy");
    frames.send(
        env.getShell(),
        message.getIdentities(),
        SignedFrames.header("debug_reply", header.getUsername(), header.getSessionId()),
        parent,
        response(request));
    publishStatus(parent, "idle");
  }

  /** Returns the DAP response refusing {@code request}. */
  JsonObject response(JsonObject request) {
    JsonObject response = new JsonObject();
    response.addProperty("seq", seq.incrementAndGet());
    response.addProperty("type", "response");
    response.add("request_seq", request.get("seq"));
    response.addProperty("success", false);
    response.add("command", request.get("command"));
    response.addProperty("message", "this kernel has no debugger (kernel_info: debugger false)");
    response.add("body", new JsonObject());
    return response;
  }

  static boolean isDapRequest(JsonElement content) {
    return content != null
        && content.isJsonObject()
        && content.getAsJsonObject().has("command")
        && content.getAsJsonObject().has("type")
        && "request".equals(content.getAsJsonObject().get("type").getAsString());
  }

  private void publishStatus(JsonObject parent, String state) {
    JsonObject content = new JsonObject();
    content.addProperty("execution_state", state);
    frames.send(
        iopub,
        List.of(),
        SignedFrames.header(
            "status", parent.get("username").getAsString(), parent.get("session").getAsString()),
        parent,
        content);
  }
}
