package dev.scalinglab.widgets;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A transport that records what the kernel publishes and lets a test play the frontend. */
public final class RecordingTransport implements WidgetTransport {

  /** One published message: comm_open, comm_msg or comm_close. */
  record Sent(
      String type,
      String commId,
      String target,
      JsonObject data,
      JsonObject metadata,
      List<byte[]> buffers) {
    String method() {
      return data != null && data.has("method") ? data.get("method").getAsString() : null;
    }
  }

  final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();
  private final Map<String, TargetHandler> targets = new ConcurrentHashMap<>();

  @Override
  public void open(
      String commId,
      String target,
      JsonObject data,
      JsonObject metadata,
      List<byte[]> buffers,
      Receiver receiver) {
    receivers.put(commId, receiver);
    sent.add(new Sent("comm_open", commId, target, data, metadata, List.copyOf(buffers)));
  }

  @Override
  public void send(String commId, JsonObject data, List<byte[]> buffers) {
    sent.add(new Sent("comm_msg", commId, null, data, null, List.copyOf(buffers)));
  }

  @Override
  public void close(String commId) {
    receivers.remove(commId);
    sent.add(new Sent("comm_close", commId, null, null, null, List.of()));
  }

  @Override
  public void registerTarget(String target, TargetHandler handler) {
    targets.put(target, handler);
  }

  /** The frontend sends a comm_msg with {@code data} to comm {@code commId}. */
  public void deliver(String commId, JsonObject data, List<byte[]> buffers) {
    receivers.get(commId).onMessage(data, buffers);
  }

  /** The frontend opens comm {@code commId} on {@code target}. */
  void frontendOpens(String target, String commId) {
    receivers.put(commId, targets.get(target).opened(commId, new JsonObject()));
  }

  /** The frontend closes comm {@code commId}. */
  void frontendCloses(String commId) {
    receivers.remove(commId).onClose();
  }

  /** Returns how many updates with binary buffers went to comm {@code commId}. */
  public int updatesWithBuffers(String commId) {
    return (int)
        to(commId).stream()
            .filter(s -> "update".equals(s.method()) && !s.buffers().isEmpty())
            .count();
  }

  List<Sent> to(String commId) {
    return sent.stream().filter(s -> s.commId().equals(commId)).toList();
  }

  Sent last(String commId) {
    List<Sent> all = to(commId);
    return all.get(all.size() - 1);
  }
}
