package dev.scalinglab.widgets;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;

/**
 * An output area ({@code OutputModel}). Outputs are set through its {@code outputs} state (as
 * ipywidgets' {@code append_display_data} does), so they reach the page from any thread, whatever
 * message the kernel is answering; or captured by the frontend by msg_id ({@link #capture()}), as
 * ipywidgets' {@code with out:} does.
 */
public final class Output extends DomWidget {
  private int captures;

  /** Creates an empty output area. */
  public Output() {
    super(Versions.OUTPUT, Versions.OUTPUT_VERSION, "OutputModel", "OutputView");
    declare("msg_id", "");
    declare("outputs", List.of());
  }

  /**
   * Until the returned capture is closed, the frontend shows in this widget the outputs of the
   * request the kernel is handling now (its msg_id goes to the frontend as {@code msg_id}, and ""
   * when the outermost capture closes); on an Output not displayed yet (no widget manager), or in a
   * kernel that does not know its request, nothing changes.
   */
  public Capture capture() {
    WidgetManager m = managerOrNull();
    String id = m == null ? "" : m.parentMessageId();
    synchronized (this) {
      if (!id.isEmpty()) {
        captures++;
        set("msg_id", id);
      }
    }
    return new Capture() {
      private boolean closed;

      @Override
      public void close() {
        synchronized (Output.this) {
          if (closed || id.isEmpty()) {
            return;
          }
          closed = true;
          if (--captures == 0) {
            set("msg_id", "");
          }
        }
      }
    };
  }

  /** A capture by {@link #capture()}; closing ends it. */
  public interface Capture extends AutoCloseable {
    /** Ends the capture (the outermost one clears {@code msg_id}). */
    @Override
    void close();
  }

  /** Returns the msg_id whose outputs the frontend captures here, or "" if none. */
  public String msgId() {
    return get("msg_id").getAsString();
  }

  /** Removes every output. */
  public Output clear() {
    set("outputs", List.of());
    return this;
  }

  /** Appends a display_data output with {@code bundle} (MIME type to data). */
  public Output appendDisplay(Map<String, Object> bundle) {
    JsonObject output = new JsonObject();
    output.addProperty("output_type", "display_data");
    output.add("data", JsonParser.parseString(new com.google.gson.Gson().toJson(bundle)));
    output.add("metadata", new JsonObject());
    return append(output);
  }

  /** Appends {@code text} as a stream output ({@code stdout} or {@code stderr}). */
  public Output appendStream(String name, String text) {
    JsonObject output = new JsonObject();
    output.addProperty("output_type", "stream");
    output.addProperty("name", name);
    output.addProperty("text", text);
    return append(output);
  }

  /** Returns the outputs, as nbformat output dictionaries. */
  public JsonArray outputs() {
    return get("outputs").getAsJsonArray();
  }

  private synchronized Output append(JsonObject output) {
    JsonArray outputs = outputs().deepCopy();
    outputs.add(output);
    set("outputs", outputs);
    return this;
  }

  @Override
  public String textPlain() {
    if (customText() != null) {
      return customText();
    }
    return "Output(" + outputs().size() + " outputs)";
  }
}
