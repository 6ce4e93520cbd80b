package dev.scalinglab.widgets;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A widget model: its synced state (JSON values, or {@code byte[]} for binary buffers), declared as
 * typed {@link Trait}s where ipywidgets validates them, the listeners on it, and the custom
 * messages it exchanges. Every new value passes its trait's validator, from the kernel (a refusal
 * throws) and from the frontend (a correction or refusal is sent back). Plain Java: a {@link
 * WidgetManager} opens its comm and carries the changes both ways.
 */
public abstract class Widget {
  private static final Gson GSON = new Gson();

  private final String modelId = UUID.randomUUID().toString().replace("-", "");
  private final WidgetState state = new WidgetState();
  private final Map<String, List<Consumer<Object>>> listeners = new LinkedHashMap<>();
  private final Map<String, List<Consumer<Change>>> changeListeners = new LinkedHashMap<>();
  private final Map<String, Object> held = new LinkedHashMap<>();
  private int holds;
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
    return state.copy();
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

  /** Adds {@code key} with its default value, unchecked (no trait); sends nothing. */
  protected final synchronized void declare(String key, Object value) {
    state.declare(key, toWire(value));
  }

  /** Adds {@code trait} with its default value and returns it; sends nothing. */
  protected final synchronized <T> Trait<T> declare(Trait<T> trait) {
    state.declare(trait);
    return trait;
  }

  /** Returns the value of {@code trait}. */
  protected final <T> T get(Trait<T> trait) {
    return trait.fromJson(get(trait.name()));
  }

  /** Sets {@code trait} to {@code value} after its validator; see {@link #set(String, Object)}. */
  protected final <T> void set(Trait<T> trait, T value) {
    set(trait.name(), trait.toJson(value));
  }

  /**
   * Sets {@code key} (a JSON-able value or {@code byte[]}) to what its trait's validator keeps,
   * sends the change (and those of the traits it re-validates) to the frontend in one message if
   * the comm is open, and tells the listeners, on the calling thread. A value the validator refuses
   * throws {@link IllegalArgumentException}, as ipywidgets raises TraitError.
   */
  protected final void set(String key, Object value) {
    Object wire = toWire(value);
    List<WidgetState.Fired> fired = new ArrayList<>();
    synchronized (this) {
      if (!state.has(key)) {
        throw new IllegalArgumentException(modelName() + " has no state key " + key);
      }
      state.store(key, state.checked(key, wire), fired);
    }
    Map<String, Object> update = new LinkedHashMap<>();
    fired.forEach(f -> update.put(f.name(), f.now()));
    publish(update);
    fire(fired);
  }

  /**
   * Holds the updates sent to the frontend until the returned hold is closed, then sends them as
   * one message (ipywidgets' {@code hold_sync()}); holds nest. Listeners are told at once.
   */
  public final SyncHold holdSync() {
    synchronized (this) {
      holds++;
    }
    return new SyncHold() {
      private boolean closed;

      @Override
      public void close() {
        Map<String, Object> update = Map.of();
        synchronized (Widget.this) {
          if (closed) {
            return;
          }
          closed = true;
          if (--holds == 0 && !held.isEmpty()) {
            update = new LinkedHashMap<>(held);
            held.clear();
          }
        }
        publish(update);
      }
    };
  }

  /** Updates held by {@link #holdSync()}; closing sends them. */
  public interface SyncHold extends AutoCloseable {
    /** Sends the held updates in one message if this was the outermost hold. */
    @Override
    void close();
  }

  /**
   * A change of one trait, as traitlets' observe hands it: the widget, the key and the old and new
   * values (as the trait's Java type: Integer, Double, Boolean, a JsonElement, or {@code byte[]}).
   */
  public record Change(Widget owner, String name, Object oldValue, Object newValue) {}

  /**
   * Calls {@code listener} with the old and new value whenever {@code key} changes, whoever changed
   * it (the kernel on the calling thread, the frontend on the callback thread).
   */
  public final synchronized void observeChange(String key, Consumer<Change> listener) {
    if (!state.has(key)) {
      throw new IllegalArgumentException(modelName() + " has no state key " + key);
    }
    changeListeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(listener);
  }

  /**
   * Calls {@code listener} with the new JSON value (or {@code byte[]}) whenever {@code key}
   * changes.
   */
  public final synchronized void observe(String key, Consumer<Object> listener) {
    if (!state.has(key)) {
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

  /** Returns the manager that opened this widget, or null. */
  final WidgetManager managerOrNull() {
    return manager;
  }

  final void attach(WidgetManager m) {
    manager = m;
  }

  final void detach() {
    manager = null;
  }

  /** Applies a state change from the frontend as ipywidgets' {@code set_state} does. */
  final synchronized WidgetState.FrontendUpdate applyFromFrontend(Map<String, Object> received) {
    return state.apply(received);
  }

  /** Sends {@code update} now, or keeps it for the end of {@link #holdSync()}. */
  private void publish(Map<String, Object> update) {
    if (update.isEmpty()) {
      return;
    }
    synchronized (this) {
      if (holds > 0) {
        held.putAll(update);
        return;
      }
    }
    WidgetManager m = manager;
    if (m != null) {
      m.sendUpdate(this, update);
    }
  }

  final synchronized boolean hasKey(String key) {
    return state.has(key);
  }

  /** Tells the listeners of each changed key its old and new value. */
  final void fire(List<WidgetState.Fired> changes) {
    for (WidgetState.Fired f : changes) {
      List<Consumer<Object>> plain;
      List<Consumer<Change>> full;
      synchronized (this) {
        plain = listeners.get(f.name());
        full = changeListeners.get(f.name());
      }
      if (plain != null) {
        for (Consumer<Object> l : plain) {
          l.accept(f.now());
        }
      }
      if (full != null) {
        Change change =
            new Change(
                this,
                f.name(),
                state.javaValue(f.name(), f.before()),
                state.javaValue(f.name(), f.now()));
        for (Consumer<Change> l : full) {
          l.accept(change);
        }
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
