package dev.scalinglab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

/** Turns JShell diagnostics and exceptions into short tracebacks that point at cell lines. */
final class CellErrors {
  private static final int MAX_FRAMES = 12;

  private CellErrors() {}

  /**
   * Longest cell compiled. JShell compiles a cell statement by statement, and cutting it into
   * statements parses the rest each time: a cell of 10,000 statements was still compiling after 45
   * s, with the stop button waiting for the compile. One method of javac holds at most 64 KB of
   * bytecode, a few thousand simple lines, so longer cells belong in a file anyway.
   */
  static final int MAX_LINES = 2_000;

  /** Refuses a cell of more than {@link #MAX_LINES} lines before anything compiles. */
  static void checkSize(String cell) {
    long lines = cell.lines().count();
    if (lines > MAX_LINES) {
      String message =
          "This cell has "
              + lines
              + " lines, more than the "
              + MAX_LINES
              + " a cell may have (longer cells take minutes to compile and can exceed javac's 64 KB"
              + " method limit): split it into several cells, or put the code in a .java file and"
              + " run it with %load.";
      throw new CompilationException(message, List.of(message));
    }
  }

  /** Returns the compilation failure of {@code snippet} described by {@code diags}. */
  static CompilationException compilation(String cell, CellSnippet snippet, List<Diag> diags) {
    List<String> lines = new ArrayList<>();
    String first = null;
    for (Diag diag : diags) {
      if (!diag.isError()) {
        continue;
      }
      long start = diag.getStartPosition() >= 0 ? diag.getStartPosition() : diag.getPosition();
      long end = Math.max(diag.getEndPosition(), start + 1);
      List<String> message =
          diag.getMessage(Locale.ENGLISH)
              .lines()
              .filter(l -> !l.trim().startsWith("location:"))
              .toList();
      String head =
          "cell line " + snippet.cellLine(cell, (int) start) + ": error: " + message.get(0);
      first = first == null ? head : first;
      lines.add(head);
      message.stream().skip(1).forEach(lines::add);
      lines.addAll(pointAt(cell, snippet.start() + (int) start, snippet.start() + (int) end));
    }
    if (first == null) {
      first = "cell line " + snippet.cellLine(cell, 0) + ": error: snippet was rejected";
      lines.add(first);
    }
    return new CompilationException(first, lines);
  }

  /** Returns the failure of a declaration that refers to names not defined yet. */
  static CompilationException unresolved(String cell, CellSnippet snippet, List<String> missing) {
    String head =
        "cell line "
            + snippet.cellLine(cell, 0)
            + ": error: cannot find symbol: "
            + String.join(", ", missing);
    List<String> lines = new ArrayList<>();
    lines.add(head);
    lines.addAll(pointAt(cell, snippet.start(), snippet.start()));
    return new CompilationException(head, lines);
  }

  /** Returns the run-time failure {@code e}, with frames of this cell shown as cell lines. */
  static EvaluationException runtime(
      String cell, Map<String, CellSnippet> cellSnippets, JShellException e, JShell shell) {
    List<String> lines = new ArrayList<>();
    lines.add(describe(e, shell));
    String where = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t != e) {
        lines.add("Caused by: " + describe(t, shell));
      }
      StackTraceElement[] frames = t.getStackTrace();
      for (int i = 0; i < frames.length && i < MAX_FRAMES; i++) {
        String frame = frame(cell, cellSnippets, frames[i]);
        if (where == null && frame.contains("cell line")) {
          where = frame.substring(frame.indexOf("cell line")).replace(")", "");
        }
        lines.add("    at " + frame);
      }
      if (frames.length > MAX_FRAMES) {
        lines.add("    ... " + (frames.length - MAX_FRAMES) + " more");
      }
    }
    String message = lines.get(0) + (where == null ? "" : " (" + where + ")");
    if (e instanceof EvalException eval
        && OutOfMemoryError.class.getName().equals(eval.getExceptionClassName())) {
      String advice = MemoryReserve.release();
      lines.add(0, "The cell ran out of memory; " + advice + ".");
      message = message + ": " + advice;
    }
    return new EvaluationException(message, lines);
  }

  /**
   * Returns the failure of showing a cell's value (its {@code toString()} or a renderer threw),
   * with the value's own frames only: those of the kernel and its library are cut.
   */
  static EvaluationException rendering(Throwable e) {
    List<String> lines = new ArrayList<>();
    lines.add(e + " (while showing the cell's value)");
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t != e) {
        lines.add("Caused by: " + t);
      }
      for (StackTraceElement f : t.getStackTrace()) {
        String c = f.getClassName();
        if (c.startsWith("org.dflib.jjava.") || c.startsWith("dev.scalinglab.kernel.")) {
          break;
        }
        if (c.startsWith("java.lang.reflect.") || c.startsWith("jdk.internal.")) {
          continue;
        }
        lines.add("    at " + frame("", Map.of(), f));
      }
    }
    return new EvaluationException(lines.get(0), lines);
  }

  /**
   * Returns the failure of a cell stopped by an interrupt; what the cell threw on its way out (e.g.
   * how many epochs a training completed) follows, if anything.
   */
  static EvaluationException interrupted(Throwable cause, JShell shell) {
    String message = "Cell interrupted" + (cause == null ? "" : ": " + describe(cause, shell));
    return new EvaluationException(message, List.of(message));
  }

  private static String describe(Throwable t, JShell shell) {
    if (t instanceof EvalException eval) {
      String text = eval.getMessage();
      return eval.getExceptionClassName() + (text == null ? "" : ": " + text);
    }
    if (t instanceof UnresolvedReferenceException unresolved) {
      DeclarationSnippet snippet = unresolved.getSnippet();
      String missing = shell.unresolvedDependencies(snippet).collect(Collectors.joining(", "));
      return "error: " + snippet.name() + " refers to names that are not defined: " + missing;
    }
    return t.toString();
  }

  private static String frame(
      String cell, Map<String, CellSnippet> cellSnippets, StackTraceElement f) {
    String file = f.getFileName();
    if (file == null || !file.startsWith("#")) {
      return f.toString();
    }
    String where = f.getClassName().isEmpty() ? "" : f.getClassName();
    if (!f.getMethodName().isEmpty()) {
      where = where.isEmpty() ? f.getMethodName() : where + "." + f.getMethodName();
    }
    CellSnippet snippet = cellSnippets.get(file.substring(1));
    String place;
    if (snippet != null) {
      int line = snippet.cellLine(cell, 0) + Math.max(0, f.getLineNumber() - 1);
      place = "cell line " + line;
    } else {
      place = "snippet " + file + ", line " + f.getLineNumber() + " (an earlier cell)";
    }
    return where.isEmpty() ? place : where + " (" + place + ")";
  }

  private static List<String> pointAt(String cell, int start, int end) {
    int from = Math.max(0, Math.min(start, cell.length()));
    int lineStart = cell.lastIndexOf('\n', from - 1) + 1;
    int lineEnd = cell.indexOf('\n', from);
    lineEnd = lineEnd < 0 ? cell.length() : lineEnd;
    String text = cell.substring(lineStart, lineEnd);
    int width = Math.max(1, Math.min(end, lineEnd) - from);
    return List.of(
        "    " + text,
        "    " + text.substring(0, from - lineStart).replaceAll("[^\t]", " ") + "^".repeat(width));
  }
}
