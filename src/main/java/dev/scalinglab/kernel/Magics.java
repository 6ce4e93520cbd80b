package dev.scalinglab.kernel;

import java.io.File;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IJava's line magics {@code %jars} and {@code %classpath}, which extend the snippet classpath. */
final class Magics {
  private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%(\\w+)(.*)$");

  private Magics() {}

  /** Runs the line magics of {@code cell} and returns the cell with those lines left empty. */
  static String apply(String cell, CodeEvaluator evaluator) throws CellException {
    StringBuilder code = new StringBuilder();
    int lineNumber = 0;
    for (String line : cell.split("\n", -1)) {
      lineNumber++;
      Matcher magic = LINE_MAGIC.matcher(line);
      if (magic.matches()) {
        run(magic.group(1), KernelConfig.splitWords(magic.group(2)), lineNumber, evaluator);
        line = "";
      }
      code.append(line).append('\n');
    }
    return code.substring(0, code.length() - 1);
  }

  /** Returns {@code cell} with its line magics left empty, for completion and is_complete. */
  static String strip(String cell) {
    StringBuilder code = new StringBuilder();
    for (String line : cell.split("\n", -1)) {
      code.append(LINE_MAGIC.matcher(line).matches() ? "" : line).append('\n');
    }
    return code.substring(0, code.length() - 1);
  }

  private static void run(String name, List<String> args, int line, CodeEvaluator evaluator)
      throws CellException {
    boolean jarsOnly;
    switch (name) {
      case "jars" -> jarsOnly = true;
      case "classpath" -> jarsOnly = false;
      default ->
          throw fail(line, "unknown magic %" + name + " (this kernel has %jars and %classpath)");
    }
    for (String arg : args) {
      for (String entry : arg.split(File.pathSeparator)) {
        if (entry.isBlank()) {
          continue;
        }
        List<String> paths = PathGlobs.expand(entry);
        if (jarsOnly) {
          paths = paths.stream().filter(p -> p.endsWith(".jar")).toList();
        }
        if (paths.isEmpty() || !paths.stream().allMatch(p -> new File(p).exists())) {
          throw fail(line, "%" + name + ": nothing found at " + entry);
        }
        paths.forEach(evaluator::addToClasspath);
      }
    }
  }

  private static CellException fail(int line, String message) {
    String text = "cell line " + line + ": " + message;
    return new CellException(text, List.of(text));
  }
}
