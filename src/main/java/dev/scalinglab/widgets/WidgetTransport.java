package dev.scalinglab.widgets;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * The comm operations widgets need, whatever kernel library carries them: open a comm (with
 * metadata and binary buffers), send on it, close it, and accept comms the frontend opens.
 */
public interface WidgetTransport {

  /** Receives the messages of one comm. */
  interface Receiver {
    /** Called with the {@code data} and binary buffers of each comm_msg. */
    void onMessage(JsonObject data, List<byte[]> buffers);

    /** Called when the frontend closes the comm. */
    default void onClose() {}
  }

  /** Creates the receiver of a comm the frontend opened on a registered target. */
  interface TargetHandler {
    /** Returns the receiver for the new comm {@code commId} opened with {@code data}. */
    Receiver opened(String commId, JsonObject data);
  }

  /** Publishes a comm_open on {@code target} with id {@code commId} and routes replies. */
  void open(
      String commId,
      String target,
      JsonObject data,
      JsonObject metadata,
      List<byte[]> buffers,
      Receiver receiver);

  /** Publishes a comm_msg on the open comm {@code commId}. */
  void send(String commId, JsonObject data, List<byte[]> buffers);

  /** Publishes a comm_close for {@code commId} and forgets it. */
  void close(String commId);

  /** Accepts comms the frontend opens on {@code target}. */
  void registerTarget(String target, TargetHandler handler);
}
