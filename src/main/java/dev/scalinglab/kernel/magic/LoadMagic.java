package dev.scalinglab.kernel.magic;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.scalinglab.kernel.CellException;
import dev.scalinglab.kernel.JavaKernel;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/**
 * {@code %load path}: runs a {@code .jshell} or {@code .java} file, or the code cells of a notebook
 * ({@code .ipynb}) in order, in this session; magics in them run too. Without an extension, {@code
 * .jshell}, {@code .java} and {@code .ipynb} are tried, as JJava does.
 */
final class LoadMagic implements LineMagic<Void, JavaKernel> {
  private static final List<String> EXTENSIONS = List.of("", ".jshell", ".java", ".ipynb");

  @Override
  public Void eval(JavaKernel kernel, List<String> args) throws IOException {
    if (args.size() != 1) {
      throw new IllegalArgumentException("give one file, e.g. %load helpers.jshell");
    }
    Path file = find(args.get(0));
    if (file.toString().endsWith(".ipynb")) {
      List<String> cells = codeCells(file);
      for (int i = 0; i < cells.size(); i++) {
        run(kernel, cells.get(i), file + ", code cell " + (i + 1));
      }
    } else {
      run(kernel, Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }
    return null;
  }

  private static Path find(String name) {
    for (String extension : EXTENSIONS) {
      Path candidate = Path.of(name + extension).toAbsolutePath();
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException(
        "no file " + Path.of(name).toAbsolutePath() + " (also tried .jshell, .java, .ipynb)");
  }

  private static void run(JavaKernel kernel, String code, String where) {
    try {
      kernel.evalRaw(code);
    } catch (CellException e) {
      List<String> lines = new ArrayList<>();
      lines.add("in " + where + ":");
      lines.addAll(e.traceback());
      throw new CellException("in " + where + ": " + e.getMessage(), lines);
    }
  }

  /** Returns the sources of the notebook's code cells (a source is a string or a list of lines). */
  private static List<String> codeCells(Path notebook) throws IOException {
    JsonElement root;
    try (Reader in = Files.newBufferedReader(notebook, StandardCharsets.UTF_8)) {
      root = JsonParser.parseReader(in);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(notebook + " is not a notebook (invalid JSON)");
    }
    if (!root.isJsonObject() || !root.getAsJsonObject().has("cells")) {
      throw new IllegalArgumentException(notebook + " is not a notebook (no \"cells\")");
    }
    List<String> sources = new ArrayList<>();
    for (JsonElement element : root.getAsJsonObject().getAsJsonArray("cells")) {
      JsonObject cell = element.getAsJsonObject();
      if (!cell.has("cell_type") || !"code".equals(cell.get("cell_type").getAsString())) {
        continue;
      }
      JsonElement source = cell.get("source");
      if (source == null) {
        continue;
      }
      if (source.isJsonArray()) {
        StringBuilder text = new StringBuilder();
        for (JsonElement line : (JsonArray) source) {
          text.append(line.getAsString());
        }
        sources.add(text.toString());
      } else {
        sources.add(source.getAsString());
      }
    }
    return sources;
  }
}
