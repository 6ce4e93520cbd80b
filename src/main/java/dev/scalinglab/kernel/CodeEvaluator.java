package dev.scalinglab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;

/** Evaluates Java cells with JShell in this JVM and answers completion and inspection. */
public final class CodeEvaluator implements AutoCloseable {
  /** A cell's non-null result; a cell without one yields a null {@code Value}. */
  public record Value(Object value) {}

  private final CellExecutionControl control;
  private final JShell shell;
  private final SourceCodeAnalysis analysis;
  private final List<String> startupProblems = new ArrayList<>();
  private volatile boolean interrupted;

  /**
   * Starts JShell with {@code config}'s compiler options and classpath, then runs the start-up
   * code; failures of the user's start-up scripts are kept for {@link #takeStartupProblems()}.
   */
  public CodeEvaluator(KernelConfig config) {
    control = new CellExecutionControl(config.timeoutMillis());
    List<String> options = new ArrayList<>(config.compilerOptions());
    shell =
        JShell.builder()
            .executionEngine(new CellExecutionControlProvider(control), Map.of())
            .compilerOptions(options.toArray(String[]::new))
            .build();
    StartTrace.mark("JShell built");
    analysis = shell.sourceCodeAnalysis();
    // JShell's compiler starts from java.class.path and its loader's parent is the application
    // class loader: adding the class path again only reset javac's task pool and queued a second
    // pass of JShell's completion indexer over the class path.
    for (String entry : config.classpath()) {
      PathGlobs.expand(entry).forEach(this::addToClasspath);
    }
    StartTrace.mark("JShell classpath set");
    try {
      eval(readResource("startup.jshell"));
    } catch (CellException e) {
      throw new IllegalStateException("built-in start-up imports failed: " + e.getMessage(), e);
    }
    for (String script : config.startupScriptPaths()) {
      for (String file : PathGlobs.expand(script)) {
        runStartup(file, PathGlobs.read(file));
      }
    }
    if (!config.startupScript().isBlank()) {
      runStartup("IJAVA_STARTUP_SCRIPT", config.startupScript());
    }
    StartTrace.mark("JShell start-up code run");
  }

  /**
   * Starts JShell with {@code config} on a daemon thread and returns the evaluator to come: javac's
   * first compile takes most of a kernel's start, so it begins before anything else.
   */
  public static CompletableFuture<CodeEvaluator> startInBackground(KernelConfig config) {
    CompletableFuture<CodeEvaluator> started = new CompletableFuture<>();
    Thread starter =
        new Thread(
            () -> {
              try {
                started.complete(new CodeEvaluator(config));
              } catch (Throwable e) {
                started.completeExceptionally(e);
              }
            },
            "jshell-start");
    starter.setDaemon(true);
    starter.start();
    return started;
  }

  private void runStartup(String name, String code) {
    try {
      eval(code);
    } catch (CellException e) {
      startupProblems.add("start-up script " + name + " failed:");
      startupProblems.addAll(e.traceback());
    }
  }

  /** Returns, once, the messages of start-up scripts that failed. */
  public synchronized List<String> takeStartupProblems() {
    List<String> problems = List.copyOf(startupProblems);
    startupProblems.clear();
    return problems;
  }

  /** Adds a jar or directory (or several, path-separated) to the snippet classpath. */
  public void addToClasspath(String path) {
    if (path != null && !path.isBlank()) {
      shell.addToClasspath(path);
    }
  }

  /**
   * Evaluates every snippet of {@code cell} in order and returns the value of the last one if it is
   * an expression, or null if it has none.
   */
  public Value eval(String cell) throws CellException {
    interrupted = false;
    CellErrors.checkSize(cell);
    control.newCell();
    control.clearValues();
    Map<String, CellSnippet> done = new LinkedHashMap<>();
    Value last = null;
    try {
      for (CellSnippet piece : split(cell)) {
        last = null;
        if (interrupted) {
          // Stopped between snippets: a long cell of many statements ends promptly.
          throw CellErrors.interrupted(null, shell);
        }
        for (SnippetEvent event : shell.eval(piece.source())) {
          if (event.causeSnippet() != null) {
            continue;
          }
          Snippet snippet = event.snippet();
          done.put(snippet.id(), piece);
          if (interrupted) {
            throw CellErrors.interrupted(event.exception(), shell);
          }
          if (event.status() == Snippet.Status.REJECTED) {
            throw CellErrors.compilation(cell, piece, shell.diagnostics(snippet).toList());
          }
          if (event.exception() != null) {
            throw CellErrors.runtime(cell, done, event.exception(), shell);
          }
          if (!(snippet instanceof DeclarationSnippet) && event.status() != Snippet.Status.VALID) {
            // A statement javac could not compile (a block over its 64 KB method limit: "code too
            // large") is not rejected, only left undefined: it must not answer ok.
            throw CellErrors.compilation(cell, piece, shell.diagnostics(snippet).toList());
          }
          if (event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED
              && snippet instanceof DeclarationSnippet declaration) {
            List<String> missing = shell.unresolvedDependencies(declaration).toList();
            List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).toList();
            // Nothing missing but errors (javac's "code too large"): report javac's own words.
            throw missing.isEmpty() && !errors.isEmpty()
                ? CellErrors.compilation(cell, piece, errors)
                : CellErrors.unresolved(cell, piece, missing);
          }
          last = valueOf(event);
        }
      }
      return last;
    } finally {
      control.clearValues();
    }
  }

  private Value valueOf(SnippetEvent event) {
    Snippet snippet = event.snippet();
    boolean expression =
        switch (snippet.subKind()) {
          case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
          default -> false;
        };
    if (!expression || !control.hasValue(event.value())) {
      return null;
    }
    if (snippet instanceof ExpressionSnippet e && "void".equals(e.typeName())) {
      return null;
    }
    Object value = control.takeValue(event.value());
    // As in IJava, a null value shows nothing.
    return value == null ? null : new Value(value);
  }

  /** Cuts a cell into JShell snippets; an unfinished tail becomes one incomplete snippet. */
  List<CellSnippet> split(String cell) {
    List<CellSnippet> pieces = new ArrayList<>();
    int offset = 0;
    String rest = cell;
    while (!rest.isBlank()) {
      if (interrupted) {
        // Cutting a long cell takes time of its own (each cut parses the rest): stop here too.
        throw CellErrors.interrupted(null, shell);
      }
      CompletionInfo info = analysis.analyzeCompletion(rest);
      int indent = rest.length() - rest.stripLeading().length();
      if (info.source() == null || !info.completeness().isComplete()) {
        pieces.add(new CellSnippet(rest.substring(indent), offset + indent, false));
        break;
      }
      String source = info.source();
      int sourceIndent = source.length() - source.stripLeading().length();
      pieces.add(new CellSnippet(source.substring(sourceIndent), offset + indent, true));
      offset = cell.length() - info.remaining().length();
      rest = info.remaining();
    }
    return pieces;
  }

  /** Returns completions for the cursor position {@code at} in {@code cell}. */
  public ReplacementOptions complete(String cell, int at) {
    CellSnippet piece = pieceAt(cell, at);
    String prefix = cell.substring(piece.start(), at);
    int[] anchor = new int[1];
    List<String> matches =
        analysis.completionSuggestions(prefix, prefix.length(), anchor).stream()
            .map(SourceCodeAnalysis.Suggestion::continuation)
            .distinct()
            .toList();
    return new ReplacementOptions(matches, piece.start() + anchor[0], at);
  }

  /** Returns signatures (and javadoc when available) of what is at {@code at}, or null. */
  public String inspect(String cell, int at) {
    CellSnippet piece = pieceAt(cell, at);
    int end = at;
    while (end < cell.length() && Character.isJavaIdentifierPart(cell.charAt(end))) {
      end++;
    }
    String code = cell.substring(piece.start(), end);
    List<Documentation> docs = analysis.documentation(code, code.length(), true);
    if (docs.isEmpty()) {
      docs = analysis.documentation(code + "(", code.length() + 1, true);
    }
    if (docs.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (Documentation doc : docs) {
      text.append(doc.signature()).append('\n');
      if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
        text.append(doc.javadoc().strip()).append("\n\n");
      }
    }
    return text.toString().strip();
  }

  /**
   * Returns "complete", "invalid", or the indent for the next line when {@code cell} needs more
   * input (basekernel's is_complete convention).
   */
  public String isComplete(String cell) {
    String rest = cell;
    while (!rest.isBlank()) {
      if (interrupted) {
        // Cutting a long cell takes time of its own (each cut parses the rest): stop here too.
        throw CellErrors.interrupted(null, shell);
      }
      CompletionInfo info = analysis.analyzeCompletion(rest);
      Completeness completeness = info.completeness();
      if (completeness == Completeness.UNKNOWN) {
        return "invalid";
      }
      if (!completeness.isComplete()) {
        return "    ";
      }
      rest = info.remaining();
    }
    return "complete";
  }

  /** Returns true while a snippet of a cell executes (not while JShell compiles it). */
  public boolean isRunning() {
    return control.isRunning();
  }

  /**
   * Stops the running cell, if any: its running snippet, or before its next snippet; the cell then
   * fails with "Cell interrupted".
   */
  public void interrupt() {
    interrupted = true;
    control.stopCell();
  }

  private CellSnippet pieceAt(String cell, int at) {
    CellSnippet found = new CellSnippet(cell, 0, false);
    for (CellSnippet piece : split(cell.substring(0, at))) {
      found = piece;
    }
    return found;
  }

  private static String readResource(String name) {
    try (InputStream in = CodeEvaluator.class.getResourceAsStream(name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }

  @Override
  public void close() {
    shell.close();
  }
}
