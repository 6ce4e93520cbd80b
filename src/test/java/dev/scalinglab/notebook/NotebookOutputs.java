package dev.scalinglab.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * What each code cell of a notebook shows: an HTML table, a PNG plot, or both (a live display).
 * Read from the committed notebook (the outputs of its full run), it is what every other run of the
 * same cell must show too.
 */
final class NotebookOutputs {

  /** Something a cell shows that a reader looks for. */
  enum Kind {
    TABLE,
    PLOT
  }

  private NotebookOutputs() {}

  /** Returns, by cell index, the kinds each code cell with a table or plot shows. */
  static TreeMap<Integer, Set<Kind>> shown(Path notebook) throws IOException {
    return shown(JsonParser.parseString(Files.readString(notebook)).getAsJsonObject());
  }

  /** Returns, by cell index, the kinds each code cell with a table or plot shows. */
  static TreeMap<Integer, Set<Kind>> shown(JsonObject notebook) {
    TreeMap<Integer, Set<Kind>> kinds = new TreeMap<>();
    JsonArray cells = notebook.getAsJsonArray("cells");
    for (int i = 0; i < cells.size(); i++) {
      JsonObject cell = cells.get(i).getAsJsonObject();
      if (!"code".equals(cell.get("cell_type").getAsString())) {
        continue;
      }
      Set<Kind> k = EnumSet.noneOf(Kind.class);
      for (JsonElement o : cell.getAsJsonArray("outputs")) {
        JsonObject data = o.getAsJsonObject().getAsJsonObject("data");
        if (data == null) {
          continue;
        }
        if (data.has("text/html") && text(data.get("text/html")).contains("<table")) {
          k.add(Kind.TABLE);
        }
        if (data.has("image/png")) {
          k.add(Kind.PLOT);
        }
      }
      if (!k.isEmpty()) {
        kinds.put(i, k);
      }
    }
    return kinds;
  }

  /** Returns the indices of the cells whose output is a display that updates (a PNG display). */
  static Set<Integer> liveDisplays(Path notebook) throws IOException {
    JsonArray cells =
        JsonParser.parseString(Files.readString(notebook))
            .getAsJsonObject()
            .getAsJsonArray("cells");
    Set<Integer> live = new java.util.TreeSet<>();
    for (int i = 0; i < cells.size(); i++) {
      JsonObject cell = cells.get(i).getAsJsonObject();
      if (!cell.has("outputs")) {
        continue;
      }
      for (JsonElement o : cell.getAsJsonArray("outputs")) {
        JsonObject output = o.getAsJsonObject();
        if ("display_data".equals(output.get("output_type").getAsString())
            && output.getAsJsonObject("data").has("image/png")) {
          live.add(i);
        }
      }
    }
    return live;
  }

  /** Returns the errors and stderr texts of every code cell, one line each. */
  static List<String> problems(JsonObject notebook) {
    List<String> problems = new ArrayList<>();
    JsonArray cells = notebook.getAsJsonArray("cells");
    for (int i = 0; i < cells.size(); i++) {
      JsonObject cell = cells.get(i).getAsJsonObject();
      if (!"code".equals(cell.get("cell_type").getAsString())) {
        continue;
      }
      for (JsonElement o : cell.getAsJsonArray("outputs")) {
        JsonObject output = o.getAsJsonObject();
        String type = output.get("output_type").getAsString();
        if ("error".equals(type)) {
          problems.add(
              "cell "
                  + i
                  + ": "
                  + output.get("ename").getAsString()
                  + ": "
                  + output.get("evalue").getAsString());
        }
        if ("stream".equals(type) && "stderr".equals(output.get("name").getAsString())) {
          problems.add("cell " + i + " stderr: " + text(output.get("text")));
        }
      }
    }
    return problems;
  }

  /** Joins a notebook text field, which is a string or a list of lines. */
  static String text(JsonElement text) {
    if (text.isJsonArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonElement line : text.getAsJsonArray()) {
        sb.append(line.getAsString());
      }
      return sb.toString();
    }
    return text.getAsString();
  }
}
