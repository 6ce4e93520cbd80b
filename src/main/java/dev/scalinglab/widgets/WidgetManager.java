package dev.scalinglab.widgets;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The kernel side of the widget protocol: opens each widget's comm with its full state, sends its
 * changes as {@code update}, answers {@code request_state}, applies the frontend's updates (echoing
 * them as {@code echo_update}) and passes custom messages on. Listeners on frontend changes and
 * clicks run on the {@link CallbackRunner}, never on the thread that delivered the message.
 */
public final class WidgetManager {
  private final WidgetTransport transport;
  private final Map<String, Widget> open = new ConcurrentHashMap<>();
  private final CallbackRunner callbacks = new CallbackRunner();
  private volatile Function<Object, Map<String, Object>> renderer = PlainRenderer::render;
  private volatile Consumer<String> refusals = message -> System.err.println("widget " + message);
  private volatile Supplier<String> parentMessageId = () -> "";

  /** Creates a manager that speaks through {@code transport} and answers the control comm. */
  public WidgetManager(WidgetTransport transport) {
    this.transport = transport;
    transport.registerTarget(Versions.CONTROL_TARGET, new ControlTarget());
  }

  /** Returns the runner of callbacks (value listeners, clicks, interact functions). */
  public CallbackRunner callbacks() {
    return callbacks;
  }

  /** Uses {@code function} to turn objects into MIME bundles (for {@link Output}). */
  public void setRenderer(Function<Object, Map<String, Object>> function) {
    renderer = function;
  }

  /**
   * Sends the reason for each frontend value a widget refused to {@code sink} (default: standard
   * error, which the kernel shows under the running cell or in its log).
   */
  public void onRefusedUpdate(Consumer<String> sink) {
    refusals = sink;
  }

  /**
   * Uses {@code source} for the msg_id of the request the kernel is handling now, which an {@link
   * Output} capture hands to the frontend (ipykernel's {@code get_parent()}); set by the kernel.
   */
  public void setParentMessageId(Supplier<String> source) {
    parentMessageId = source;
  }

  /** Returns the msg_id of the request the kernel is handling now, or "" if unknown. */
  public String parentMessageId() {
    String id = parentMessageId.get();
    return id == null ? "" : id;
  }

  /** Returns {@code value} as a MIME bundle, through the kernel's renderer if one is set. */
  public Map<String, Object> render(Object value) {
    if (value instanceof Widget w) {
      return displayBundle(w);
    }
    return renderer.apply(value);
  }

  /** Interrupts the callback running now; the kernel's interrupt calls this. */
  public boolean interruptCallbacks() {
    return callbacks.interrupt();
  }

  /** Returns the widgets whose comm is open, by model id. */
  public Map<String, Widget> openWidgets() {
    return Map.copyOf(open);
  }

  /** Opens {@code widget}'s comm with its full state (the widgets it refers to first). */
  public void open(Widget widget) {
    for (Widget ref : widget.references()) {
      open(ref);
    }
    synchronized (widget) {
      if (widget.isOpen()) {
        return;
      }
      widget.attach(this);
      open.put(widget.modelId(), widget);
      WireState wire = WireState.split(widget.state());
      JsonObject metadata = new JsonObject();
      metadata.addProperty("version", Versions.PROTOCOL);
      transport.open(
          widget.modelId(),
          Versions.TARGET,
          wire.message(null),
          metadata,
          wire.buffers(),
          receiver(widget));
    }
  }

  /**
   * Opens {@code widget} and returns its display bundle: the widget view (model id, version 2.1)
   * plus {@code text/plain} and any fallback for viewers without widgets.
   */
  public Map<String, Object> displayBundle(Widget widget) {
    open(widget);
    Map<String, Object> bundle = new LinkedHashMap<>();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("model_id", widget.modelId());
    view.put("version_major", 2);
    view.put("version_minor", 1);
    bundle.put(Versions.VIEW_MIME, view);
    bundle.put("text/plain", widget.textPlain());
    bundle.putAll(widget.fallbackData());
    return bundle;
  }

  void sendUpdate(Widget widget, Map<String, Object> changes) {
    for (Widget ref : widget.references()) {
      open(ref);
    }
    WireState wire = WireState.split(changes);
    transport.send(widget.modelId(), wire.message("update"), wire.buffers());
  }

  void sendCustom(Widget widget, JsonObject content, List<byte[]> buffers) {
    JsonObject data = new JsonObject();
    data.addProperty("method", "custom");
    data.add("content", content);
    transport.send(widget.modelId(), data, buffers == null ? List.of() : buffers);
  }

  void close(Widget widget) {
    if (open.remove(widget.modelId()) != null) {
      widget.detach();
      transport.close(widget.modelId());
    }
  }

  private WidgetTransport.Receiver receiver(Widget widget) {
    return new WidgetTransport.Receiver() {
      @Override
      public void onMessage(JsonObject data, List<byte[]> buffers) {
        handle(widget, data, buffers);
      }

      @Override
      public void onClose() {
        open.remove(widget.modelId());
        widget.detach();
      }
    };
  }

  private void handle(Widget widget, JsonObject data, List<byte[]> buffers) {
    String method = data.has("method") ? data.get("method").getAsString() : "";
    switch (method) {
      case "update" -> {
        JsonObject state = data.has("state") ? data.getAsJsonObject("state") : new JsonObject();
        JsonArray paths = data.has("buffer_paths") ? data.getAsJsonArray("buffer_paths") : null;
        WidgetState.FrontendUpdate applied =
            widget.applyFromFrontend(WireState.join(state, paths, buffers));
        send(widget, "echo_update", applied.echo());
        send(widget, "update", applied.corrections());
        applied.refusals().forEach(r -> refusals.accept(widget.modelName() + ": " + r));
        if (!applied.changes().isEmpty()) {
          callbacks.submit(() -> widget.fire(applied.changes()));
        }
      }
      case "request_state" -> {
        WireState wire = WireState.split(widget.state());
        transport.send(widget.modelId(), wire.message("update"), wire.buffers());
      }
      case "custom" -> {
        JsonObject content =
            data.has("content") && data.get("content").isJsonObject()
                ? data.getAsJsonObject("content")
                : new JsonObject();
        widget.fireMessageNow(content, buffers);
        callbacks.submit(() -> widget.fireMessage(content, buffers));
      }
      default -> System.err.println("widget " + widget.modelId() + ": unknown method " + method);
    }
  }

  /**
   * Sends {@code values} with {@code method}, if any: protocol 2.1 echoes the accepted values
   * ({@code echo_update}, so every frontend agrees on the state), then sends what validation
   * changed as an {@code update}, as ipywidgets 8 does.
   */
  private void send(Widget widget, String method, Map<String, Object> values) {
    if (!values.isEmpty()) {
      WireState wire = WireState.split(values);
      transport.send(widget.modelId(), wire.message(method), wire.buffers());
    }
  }

  /**
   * The target of the control comm ({@code jupyter.widget.control}), through which a frontend asks
   * for every widget's state at once after a reload; it also names its manager, so a transport can
   * tell which manager serves a kernel.
   */
  final class ControlTarget implements WidgetTransport.TargetHandler {
    /** Returns the manager that answers this control comm. */
    WidgetManager manager() {
      return WidgetManager.this;
    }

    @Override
    public WidgetTransport.Receiver opened(String commId, JsonObject data) {
      return controlReceiver(commId);
    }
  }

  private WidgetTransport.Receiver controlReceiver(String commId) {
    return (data, buffers) -> {
      if (!data.has("method") || !"request_states".equals(data.get("method").getAsString())) {
        return;
      }
      List<byte[]> allBuffers = new ArrayList<>();
      JsonArray allPaths = new JsonArray();
      JsonObject json = new JsonObject();
      for (Widget w : open.values()) {
        WireState wire = WireState.split(w.state());
        JsonObject entry = new JsonObject();
        entry.addProperty("model_name", w.modelName());
        entry.add("model_module", w.get("_model_module"));
        entry.add("model_module_version", w.get("_model_module_version"));
        entry.add("state", wire.state());
        json.add(w.modelId(), entry);
        for (JsonElement path : wire.bufferPaths()) {
          JsonArray full = new JsonArray();
          full.add(w.modelId());
          full.add("state");
          full.addAll(path.getAsJsonArray());
          allPaths.add(full);
        }
        allBuffers.addAll(wire.buffers());
      }
      JsonObject reply = new JsonObject();
      reply.addProperty("method", "update_states");
      reply.add("states", json);
      reply.add("buffer_paths", allPaths);
      transport.send(commId, reply, allBuffers);
    };
  }
}
