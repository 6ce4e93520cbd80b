package dev.scalinglab.widgets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scalinglab.kernel.KernelCommManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.channels.ReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;
import org.dflib.jjava.jupyter.messages.comm.CommOpenCommand;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The adapter in-process on the kernel's {@link KernelCommManager}: the messages it publishes on
 * iopub, and frontend messages handed to the manager as the kernel's shell does.
 */
class KernelWidgetsTest {
  private final ZMQ.Context zmq = ZMQ.context(1);
  private final IopubRecorder iopub = new IopubRecorder(zmq);
  private final KernelCommManager comms = new KernelCommManager();
  private final WidgetManager manager;

  KernelWidgetsTest() {
    comms.setIOPubChannel(iopub);
    manager = new WidgetManager(new KernelWidgets(comms));
  }

  @AfterEach
  void close() {
    iopub.close();
    zmq.close();
  }

  /** An iopub socket that keeps what is sent instead of sending it. */
  static final class IopubRecorder extends JupyterSocket {
    final List<Message<?>> sent = new CopyOnWriteArrayList<>();

    IopubRecorder(ZMQ.Context context) {
      super(
          context,
          SocketType.PUB,
          HMACGenerator.NO_AUTH_INSTANCE,
          LoggerFactory.getLogger(IopubRecorder.class));
    }

    @Override
    public void bind(KernelConnectionProperties connection) {}

    @Override
    public synchronized void sendMessage(Message<?> message) {
      sent.add(message);
    }

    @SuppressWarnings("unchecked")
    <T> List<Message<T>> of(MessageType<T> type) {
      return sent.stream()
          .filter(m -> m.getHeader().getType().equals(type))
          .map(m -> (Message<T>) m)
          .toList();
    }
  }

  /** What the shell passes to the comm manager; these messages need no reply. */
  static final class QuietShell implements ReplyEnvironment {
    @Override
    public void publish(Message<?> message) {}

    @Override
    public void reply(Message<?> message) {}

    @Override
    public ReplyEnvironment defer() {
      return this;
    }

    @Override
    public void defer(Runnable action) {}

    @Override
    public void resolveDeferrals() {}

    @Override
    public <T extends ContentType<T>> void publish(T content) {}

    @Override
    public <T extends ContentType<T>> void reply(T content) {}

    @Override
    public void replyError(MessageType<?> type, ErrorReply error) {}

    @Override
    public void setStatusBusy() {}

    @Override
    public void setStatusIdle() {}

    @Override
    public void setBusyDeferIdle() {}
  }

  private void frontendSends(String commId, String json) {
    JsonObject data = JsonParser.parseString(json).getAsJsonObject();
    comms.handleCommMsgCommand(
        new QuietShell(),
        new Message<>(
            null, CommMsgCommand.MESSAGE_TYPE, new CommMsgCommand(commId, data), null, null));
  }

  @Test
  void commOpenHasStateMetadataVersionAndBuffersAndIsRegistered() {
    Image image = new Image().value(new byte[] {7, 8, 9});
    manager.open(image);
    List<Message<CommOpenCommand>> opens = iopub.of(CommOpenCommand.MESSAGE_TYPE);
    assertEquals(2, opens.size()); // layout, then the image
    Message<CommOpenCommand> open = opens.get(1);
    assertEquals("jupyter.widget", open.getContent().getTargetName());
    assertEquals(image.modelId(), open.getContent().getCommID());
    assertEquals("2.1.0", open.getMetadata().get("version"));
    JsonObject state = open.getContent().getData().getAsJsonObject("state");
    assertEquals("ImageModel", state.get("_model_name").getAsString());
    assertEquals("[[\"value\"]]", open.getContent().getData().get("buffer_paths").toString());
    assertArrayEquals(new byte[] {7, 8, 9}, open.getBlobs().get(0));
    // Registered like openComm does: comm_info lists it, and messages reach it.
    assertNotNull(comms.getCommByID(image.modelId()));
    assertEquals("jupyter.widget", comms.getCommByID(image.modelId()).getTargetName());
  }

  @Test
  void updateFromTheShellReachesTheWidgetAndIsEchoed() {
    Checkbox box = new Checkbox().description("dead only");
    manager.open(box);
    frontendSends(box.modelId(), "{\"method\":\"update\",\"state\":{\"value\":true}}");
    assertTrue(box.value());
    Message<CommMsgCommand> echo = iopub.of(CommMsgCommand.MESSAGE_TYPE).get(0);
    assertEquals("echo_update", echo.getContent().getData().get("method").getAsString());
    box.value(false);
    Message<CommMsgCommand> update = iopub.of(CommMsgCommand.MESSAGE_TYPE).get(1);
    assertEquals(
        "{\"method\":\"update\",\"state\":{\"value\":false},\"buffer_paths\":[]}",
        update.getContent().getData().toString());
  }

  @Test
  void clickFromTheShellRunsTheListener() throws Exception {
    Button b = new Button().description("Train");
    CountDownLatch clicked = new CountDownLatch(1);
    b.onClick(clicked::countDown);
    manager.open(b);
    frontendSends(b.modelId(), "{\"method\":\"custom\",\"content\":{\"event\":\"click\"}}");
    assertTrue(clicked.await(5, TimeUnit.SECONDS));
  }

  @Test
  void closeBothWaysAndTheControlTarget() {
    Label label = new Label().value("x");
    manager.open(label);
    comms.handleCommCloseCommand(
        new QuietShell(),
        new Message<>(
            null,
            CommCloseCommand.MESSAGE_TYPE,
            new CommCloseCommand(label.modelId(), new JsonObject()),
            null,
            null));
    assertFalse(label.isOpen());
    assertEquals(null, comms.getCommByID(label.modelId()));

    Label other = new Label();
    manager.open(other);
    other.close();
    assertEquals(1, iopub.of(CommCloseCommand.MESSAGE_TYPE).size());

    comms.handleCommOpenCommand(
        new QuietShell(),
        new Message<>(
            null,
            CommOpenCommand.MESSAGE_TYPE,
            new CommOpenCommand("control", Versions.CONTROL_TARGET, new JsonObject()),
            null,
            null));
    frontendSends("control", "{\"method\":\"request_states\"}");
    JsonObject reply =
        iopub.of(CommMsgCommand.MESSAGE_TYPE).stream()
            .filter(m -> m.getContent().getCommID().equals("control"))
            .findFirst()
            .orElseThrow()
            .getContent()
            .getData();
    assertEquals("update_states", reply.get("method").getAsString());
    assertTrue(reply.getAsJsonObject("states").has(other.layout().modelId()));
  }
}
