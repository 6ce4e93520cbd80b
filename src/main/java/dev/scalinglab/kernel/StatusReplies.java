package dev.scalinglab.kernel;

import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.ReplyType;
import org.dflib.jjava.jupyter.messages.reply.CommInfoReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

/**
 * Replies that JJava (like basekernel) sends without the {@code status} field the messaging spec
 * requires.
 */
final class StatusReplies {
  private StatusReplies() {}

  /**
   * kernel_info_reply with {@code status: "ok"}, and no debugger: {@code debugger: false} (protocol
   * 5.3) and no {@code "debugger"} among {@code supported_features} (5.4).
   */
  @SuppressWarnings("unused")
  static final class KernelInfo extends KernelInfoReply {
    private final String status = "ok";
    private final boolean debugger = false;
    private final List<String> supported_features = List.of();

    /** Creates the reply; see {@link KernelInfoReply}. */
    KernelInfo(
        String protocol,
        String name,
        String version,
        LanguageInfo language,
        String banner,
        List<HelpLink> help) {
      super(protocol, name, version, language, banner, help);
    }
  }

  /** comm_info_reply with {@code status: "ok"}. */
  static final class Comms extends CommInfoReply {
    @SuppressWarnings("unused")
    private final String status = "ok";

    /** Creates the reply listing {@code comms}. */
    Comms(Map<String, CommInfoReply.CommInfo> comms) {
      super(comms);
    }
  }

  /** shutdown_reply with {@code status: "ok"}. */
  @SuppressWarnings({"unused", "rawtypes", "unchecked"})
  static final class Shutdown implements ContentType<Shutdown>, ReplyType<Object> {
    private final String status = "ok";
    private final boolean restart;

    /** Creates the reply; {@code restart} echoes the request. */
    Shutdown(boolean restart) {
      this.restart = restart;
    }

    @Override
    public MessageType<Shutdown> getType() {
      return (MessageType) MessageType.SHUTDOWN_REPLY;
    }

    @Override
    public MessageType<Object> getRequestType() {
      return (MessageType) MessageType.SHUTDOWN_REQUEST;
    }
  }

  /** interrupt_reply with {@code status: "ok"}. */
  @SuppressWarnings({"unused", "rawtypes", "unchecked"})
  static final class Interrupt implements ContentType<Interrupt>, ReplyType<Object> {
    private final String status = "ok";

    @Override
    public MessageType<Interrupt> getType() {
      return (MessageType) MessageType.INTERRUPT_REPLY;
    }

    @Override
    public MessageType<Object> getRequestType() {
      return (MessageType) MessageType.INTERRUPT_REQUEST;
    }
  }

  /** history_reply with {@code status: "ok"} and {@code [session, line, input]} entries. */
  @SuppressWarnings({"unused", "rawtypes", "unchecked"})
  static final class History implements ContentType<History>, ReplyType<Object> {
    private final String status = "ok";
    private final List<List<Object>> history;

    /** Creates the reply with {@code history}. */
    History(List<List<Object>> history) {
      this.history = List.copyOf(history);
    }

    @Override
    public MessageType<History> getType() {
      return (MessageType) MessageType.HISTORY_REPLY;
    }

    @Override
    public MessageType<Object> getRequestType() {
      return (MessageType) MessageType.HISTORY_REQUEST;
    }
  }

  /** execute_reply {@code aborted}: a queued request not run after an error (stop_on_error). */
  @SuppressWarnings({"unused", "rawtypes", "unchecked"})
  static final class Aborted implements ContentType<Aborted>, ReplyType<Object> {
    private final String status = "aborted";
    private final int execution_count;

    /** Creates the reply with the current {@code count}. */
    Aborted(int count) {
      this.execution_count = count;
    }

    @Override
    public MessageType<Aborted> getType() {
      return (MessageType) MessageType.EXECUTE_REPLY;
    }

    @Override
    public MessageType<Object> getRequestType() {
      return (MessageType) MessageType.EXECUTE_REQUEST;
    }
  }

  /** execute_reply {@code error} sent by the kernel itself (not through an exception). */
  @SuppressWarnings({"unused", "rawtypes", "unchecked"})
  static final class Failed implements ContentType<Failed>, ReplyType<Object> {
    private final String status = "error";
    private final String ename;
    private final String evalue;
    private final List<String> traceback;
    private final int execution_count;

    /** Creates the reply for error {@code name} saying {@code message}. */
    Failed(String name, String message, int count) {
      this.ename = name;
      this.evalue = message;
      this.traceback = List.of(name + ": " + message);
      this.execution_count = count;
    }

    @Override
    public MessageType<Failed> getType() {
      return (MessageType) MessageType.EXECUTE_REPLY;
    }

    @Override
    public MessageType<Object> getRequestType() {
      return (MessageType) MessageType.EXECUTE_REQUEST;
    }
  }
}
