package dev.scalinglab.kernel;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Kernel settings read from IJava's environment variables.
 *
 * @param classpath entries (globs like {@code dir/*} allowed) added to the snippet classpath
 * @param compilerOptions extra options for the snippet compiler
 * @param startupScriptPaths {@code .jshell} files (globs allowed) evaluated at start-up
 * @param startupScript code evaluated at start-up, after the scripts
 * @param timeoutMillis per-snippet time limit in milliseconds, or -1 for none
 */
public record KernelConfig(
    List<String> classpath,
    List<String> compilerOptions,
    List<String> startupScriptPaths,
    String startupScript,
    long timeoutMillis) {

  /** Returns the configuration with nothing extra and no time limit. */
  public static KernelConfig defaults() {
    return new KernelConfig(List.of(), List.of(), List.of(), "", -1);
  }

  /** Returns the configuration described by {@code IJAVA_*} variables in {@code env}. */
  public static KernelConfig fromEnv(Map<String, String> env) {
    return new KernelConfig(
        splitPath(env.get("IJAVA_CLASSPATH")),
        splitWords(env.get("IJAVA_COMPILER_OPTS")),
        splitPath(env.get("IJAVA_STARTUP_SCRIPTS_PATH")),
        env.getOrDefault("IJAVA_STARTUP_SCRIPT", ""),
        parseTimeout(env.get("IJAVA_TIMEOUT")));
  }

  private static List<String> splitPath(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(File.pathSeparator))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /** Splits on whitespace, keeping double-quoted parts together. */
  static List<String> splitWords(String value) {
    List<String> words = new ArrayList<>();
    if (value == null) {
      return words;
    }
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (char c : value.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        inWord = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  private static long parseTimeout(String value) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    long millis = Long.parseLong(value.trim());
    return millis <= 0 ? -1 : millis;
  }
}
