package dev.scalinglab.widgets;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A state as it travels: JSON values in {@code state}, binary values as buffers listed by {@code
 * buffer_paths} (protocol 2: a buffer's key is absent from {@code state}).
 */
public record WireState(JsonObject state, JsonArray bufferPaths, List<byte[]> buffers) {

  /** Splits {@code values} (JSON values and top-level {@code byte[]}) into JSON and buffers. */
  public static WireState split(Map<String, Object> values) {
    JsonObject json = new JsonObject();
    JsonArray paths = new JsonArray();
    List<byte[]> buffers = new ArrayList<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (e.getValue() instanceof byte[] bytes) {
        JsonArray path = new JsonArray();
        path.add(e.getKey());
        paths.add(path);
        buffers.add(bytes);
      } else {
        json.add(e.getKey(), ((JsonElement) e.getValue()).deepCopy());
      }
    }
    return new WireState(json, paths, buffers);
  }

  /**
   * Joins a received {@code state} and its buffers back into values; a buffer path must name a
   * top-level key (what every core widget uses).
   */
  public static Map<String, Object> join(JsonObject state, JsonArray paths, List<byte[]> buffers) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : state.entrySet()) {
      values.put(e.getKey(), e.getValue());
    }
    if (paths != null) {
      for (int i = 0; i < paths.size(); i++) {
        JsonArray path = paths.get(i).getAsJsonArray();
        if (path.size() != 1 || i >= buffers.size()) {
          throw new IllegalArgumentException(
              "buffer path " + path + " is not a top-level key with a buffer");
        }
        values.put(path.get(0).getAsString(), buffers.get(i));
      }
    }
    return values;
  }

  /** Returns {@code {"state": ..., "buffer_paths": ...}} plus {@code method} if not null. */
  public JsonObject message(String method) {
    JsonObject data = new JsonObject();
    if (method != null) {
      data.addProperty("method", method);
    }
    data.add("state", state);
    data.add("buffer_paths", bufferPaths);
    return data;
  }
}
