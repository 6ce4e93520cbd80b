package dev.scalinglab.widgets;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A widget model: its synced state (JSON values, or {@code byte[]} for binary buffers), the
 * listeners on it, and the custom messages it exchanges. Plain Java: a {@link WidgetManager} opens
 * its comm and carries the changes both ways.
 */
public abstract class Widget {
  private static final Gson GSON = new Gson();

  private final String modelId = UUID.randomUUID().toString().replace("-", "");
  private final Map<String, Object> state = new LinkedHashMap<>();
  private final Map<String, List<Consumer<Object>>> listeners = new LinkedHashMap<>();
  private final List<BiConsumer<JsonObject, List<byte[]>>> messageListeners =
      new CopyOnWriteArrayList<>();
  private final List<BiConsumer<JsonObject, List<byte[]>>> immediateListeners =
      new CopyOnWriteArrayList<>();
  private volatile WidgetManager manager;
  private volatile String plainText;

  /** Declares the model and view this state belongs to, as ipywidgets names them. */
  protected Widget(
      String modelModule,
      String modelModuleVersion,
      String modelName,
      String viewModule,
      String viewModuleVersion,
      String viewName) {
    declare("_model_module", modelModule);
    declare("_model_module_version", modelModuleVersion);
    declare("_model_name", modelName);
    declare("_view_count", null);
    declare("_view_module", viewModule);
    declare("_view_module_version", viewModuleVersion);
    declare("_view_name", viewName);
  }

  /** Returns the model id, which is also the id of the widget's comm. */
  public final String modelId() {
    return modelId;
  }

  /** Returns the frontend model's class name, e.g. {@code IntSliderModel}. */
  public final String modelName() {
    return get("_model_name").getAsString();
  }

  /** Returns true once a manager has opened the widget's comm. */
  public final boolean isOpen() {
    return manager != null;
  }

  /** Returns a copy of the full state: JSON values and {@code byte[]} buffers. */
  public final synchronized Map<String, Object> state() {
    return new LinkedHashMap<>(state);
  }

  /** Returns the JSON value of {@code key} (JSON null if unset). */
  protected final synchronized JsonElement get(String key) {
    Object value = state.get(key);
    if (value instanceof byte[]) {
      throw new IllegalStateException(key + " is a binary buffer, not a JSON value");
    }
    return value == null ? JsonNull.INSTANCE : (JsonElement) value;
  }

  /** Returns the binary value of {@code key}. */
  protected final synchronized byte[] getBytes(String key) {
    return state.get(key) instanceof byte[] b ? b.clone() : new byte[0];
  }

  /** Adds {@code key} with its default value; sends nothing. */
  protected final synchronized void declare(String key, Object value) {
    state.put(key, toWire(value));
  }

  /**
   * Sets {@code key} (a JSON-able value or {@code byte[]}), sends the change to the frontend if the
   * comm is open and tells this key's listeners, on the calling thread.
   */
  protected final void set(String key, Object value) {
    Object wire = toWire(value);
    synchronized (this) {
      if (!state.containsKey(key)) {
        throw new IllegalArgumentException(modelName() + " has no state key " + key);
      }
      if (same(state.get(key), wire)) {
        return;
      }
      state.put(key, wire);
    }
    WidgetManager m = manager;
    if (m != null) {
      m.sendUpdate(this, Map.of(key, wire));
    }
    fire(key, wire);
  }

  /**
   * Calls {@code listener} with the new JSON value (or {@code byte[]}) whenever {@code key}
   * changes.
   */
  public final synchronized void observe(String key, Consumer<Object> listener) {
    if (!state.containsKey(key)) {
      throw new IllegalArgumentException(modelName() + " has no state key " + key);
    }
    listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(listener);
  }

  /** Calls {@code listener} with the content and buffers of each custom message from the view. */
  public final void onMessage(BiConsumer<JsonObject, List<byte[]>> listener) {
    messageListeners.add(listener);
  }

  /**
   * Calls {@code listener} on the thread that delivers each custom message, before the queued
   * listeners: for short actions that must not wait for a running callback (interrupting it).
   */
  public final void onMessageNow(BiConsumer<JsonObject, List<byte[]>> listener) {
    immediateListeners.add(listener);
  }

  /** Sends a custom message to the frontend model (nothing if the comm is not open). */
  public final void send(JsonObject content, List<byte[]> buffers) {
    WidgetManager m = manager;
    if (m != null) {
      m.sendCustom(this, content, buffers);
    }
  }

  /** Closes the comm: the frontend removes the widget's views. */
  public final void close() {
    WidgetManager m = manager;
    if (m != null) {
      m.close(this);
    }
  }

  /** Returns the widgets this one's state refers to (layout, style, children): opened first. */
  public List<Widget> references() {
    return List.of();
  }

  /** Shows {@code text} instead of the generated {@code text/plain} where widgets cannot render. */
  public Widget describeAs(String text) {
    plainText = text;
    return this;
  }

  /** Returns the {@code text/plain} shown where widgets cannot render, like ipywidgets' repr. */
  public String textPlain() {
    if (plainText != null) {
      return plainText;
    }
    List<String> parts = new ArrayList<>();
    for (String key : reprKeys()) {
      Object value;
      synchronized (this) {
        value = state.get(key);
      }
      parts.add(key + "=" + repr(value));
    }
    String name = modelName().replaceFirst("Model$", "");
    return name + "(" + String.join(", ", parts) + ")";
  }

  /** Returns the text set by {@link #describeAs}, or null. */
  protected final String customText() {
    return plainText;
  }

  /** Returns the state keys shown in {@link #textPlain()}. */
  protected List<String> reprKeys() {
    return List.of();
  }

  /**
   * Returns extra entries of the display bundle, e.g. {@code image/png}, for viewers without a
   * widget manager (GitHub); JupyterLab renders the widget view instead.
   */
  public Map<String, Object> fallbackData() {
    return Map.of();
  }

  final void attach(WidgetManager m) {
    manager = m;
  }

  final void detach() {
    manager = null;
  }

  /** Applies a state change from the frontend (no message back) and returns the changed keys. */
  final List<String> applyFromFrontend(Map<String, Object> changes) {
    List<String> changed = new ArrayList<>();
    synchronized (this) {
      for (Map.Entry<String, Object> e : changes.entrySet()) {
        if (state.containsKey(e.getKey()) && !same(state.get(e.getKey()), e.getValue())) {
          state.put(e.getKey(), e.getValue());
          changed.add(e.getKey());
        }
      }
    }
    return changed;
  }

  final synchronized boolean hasKey(String key) {
    return state.containsKey(key);
  }

  /** Tells the listeners of {@code key} its current value. */
  final void fire(String key) {
    Object value;
    synchronized (this) {
      value = state.get(key);
    }
    fire(key, value);
  }

  private void fire(String key, Object value) {
    List<Consumer<Object>> list;
    synchronized (this) {
      list = listeners.get(key);
    }
    if (list != null) {
      for (Consumer<Object> l : list) {
        l.accept(value);
      }
    }
  }

  final void fireMessageNow(JsonObject content, List<byte[]> buffers) {
    for (BiConsumer<JsonObject, List<byte[]>> l : immediateListeners) {
      l.accept(content, buffers);
    }
  }

  final void fireMessage(JsonObject content, List<byte[]> buffers) {
    for (BiConsumer<JsonObject, List<byte[]>> l : messageListeners) {
      l.accept(content, buffers);
    }
  }

  /** Returns {@code IPY_MODEL_<id>}, how state refers to another widget. */
  protected static String ref(Widget w) {
    return "IPY_MODEL_" + w.modelId();
  }

  private static Object toWire(Object value) {
    if (value instanceof byte[] b) {
      return b.clone();
    }
    if (value instanceof JsonElement e) {
      return e.deepCopy();
    }
    return value == null ? JsonNull.INSTANCE : GSON.toJsonTree(value);
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof JsonPrimitive x
        && b instanceof JsonPrimitive y
        && x.isNumber()
        && y.isNumber()) {
      return x.getAsBigDecimal().compareTo(y.getAsBigDecimal()) == 0;
    }
    return Objects.equals(a, b);
  }

  private static String repr(Object value) {
    if (value instanceof byte[] b) {
      return "<" + b.length + " bytes>";
    }
    if (value instanceof JsonPrimitive p && p.isString()) {
      return "'" + p.getAsString() + "'";
    }
    return String.valueOf(value);
  }
}
