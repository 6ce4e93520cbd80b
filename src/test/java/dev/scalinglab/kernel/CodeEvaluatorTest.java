package dev.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class CodeEvaluatorTest {
  private static CodeEvaluator evaluator;

  @BeforeAll
  static void start() {
    evaluator = new CodeEvaluator(KernelConfig.defaults());
  }

  @AfterAll
  static void stop() {
    evaluator.close();
  }

  private static Object value(String cell) throws CellException {
    CodeEvaluator.Value result = evaluator.eval(cell);
    assertTrue(result != null, "expected a value from: " + cell);
    return result.value();
  }

  @Test
  void keepsStateAcrossCells() throws CellException {
    assertNull(evaluator.eval("int stateful = 20;"));
    assertEquals(42, value("stateful + 22"));
  }

  @Test
  void returnsOnlyTheLastExpressionOfACell() throws CellException {
    assertEquals(10, value("int a = 1;\na + 1;\na * 10"));
    assertNull(evaluator.eval("int b = 5;"), "a declaration has no cell value");
    assertNull(evaluator.eval("System.out.print(\"\")"), "a void call has no cell value");
  }

  @Test
  void nullValueShowsNothingAsInIjava() throws CellException {
    assertNull(evaluator.eval("String nothing = null;\nnothing"));
  }

  @Test
  void compileErrorNamesTheFailingLine() {
    CompilationException e =
        assertThrows(
            CompilationException.class,
            () -> evaluator.eval("int y = 1;\nint z = y + undefinedName;"));
    assertTrue(e.getMessage().contains("cell line 2"), e.getMessage());
    assertTrue(e.getMessage().contains("cannot find symbol"), e.getMessage());
    String text = String.join("\n", e.traceback());
    assertTrue(text.contains("int z = y + undefinedName;"), text);
    assertTrue(text.contains("            ^^^^^^^^^^^^^"), text);
  }

  @Test
  void runtimeExceptionShowsCellLinesWithoutKernelFrames() {
    EvaluationException e =
        assertThrows(
            EvaluationException.class,
            () ->
                evaluator.eval(
                    "int divide(int n) {\n  return 10 / n;\n}\nint zero = 0;\ndivide(zero)"));
    assertEquals("java.lang.ArithmeticException: / by zero (cell line 2)", e.getMessage());
    String text = String.join("\n", e.traceback());
    assertTrue(text.contains("divide (cell line 2)"), text);
    assertTrue(text.contains("cell line 5"), text);
    assertFalse(text.contains("jdk.jshell"), text);
    assertFalse(text.contains("dev.scalinglab.kernel"), text);
    assertFalse(text.contains("reflect"), text);
  }

  @Test
  void failingSnippetStopsTheCell() throws CellException {
    assertThrows(
        CellException.class,
        () -> evaluator.eval("int before = 1;\nint bad = 1 / 0;\nint after = 3;"));
    assertEquals(1, value("before"));
    assertThrows(CompilationException.class, () -> evaluator.eval("after"));
  }

  @Test
  void completesMembersInTheSnippetAtTheCursor() {
    String cell = "int k = 1;\nMath.ab";
    ReplacementOptions options = evaluator.complete(cell, cell.length());
    assertTrue(options.getReplacements().contains("abs("), options.getReplacements().toString());
    assertEquals(cell.length() - 2, options.getSourceStart());
    assertEquals(cell.length(), options.getSourceEnd());
  }

  @Test
  void inspectsMethodSignatures() {
    String text = evaluator.inspect("Math.abs", 8);
    assertTrue(text != null && text.contains("Math.abs(int a)"), text);
    assertNull(evaluator.inspect("   ", 2));
  }

  @Test
  void tellsWhetherCodeIsComplete() {
    assertEquals("complete", evaluator.isComplete("int x = 1;"));
    assertEquals("complete", evaluator.isComplete("int x = 1;\nx + 1"));
    assertEquals("    ", evaluator.isComplete("for (int i = 0; i < 3; i++) {"));
    assertEquals("    ", evaluator.isComplete("class A {"));
    assertEquals("invalid", evaluator.isComplete(")"));
  }

  /** Where a cell finds the latch it counts down once it runs (cells run in this JVM). */
  private static final String SIGNAL = "codeEvaluatorTest.running";

  /** The statement by which a cell says it is running: it counts down the test's latch. */
  private static final String SIGNAL_RUNNING =
      "((java.util.concurrent.CountDownLatch) System.getProperties().get(\""
          + SIGNAL
          + "\")).countDown();";

  /**
   * Runs {@code cell} on another thread, interrupts it once the cell has signalled (through {@link
   * #SIGNAL_RUNNING}) that it runs, and returns what it threw: an interrupt sent while JShell still
   * compiles would apply to nothing, as in Jupyter, and the test would hang.
   */
  private static Throwable interruptWhenRunning(String cell) throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    System.getProperties().put(SIGNAL, running);
    try {
      CompletableFuture<Throwable> evaluation =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  evaluator.eval(cell);
                  return null;
                } catch (Throwable t) {
                  return t;
                }
              });
      assertTrue(
          running.await(60, TimeUnit.SECONDS) || evaluation.isDone(),
          "the cell never signalled that it runs");
      evaluator.interrupt();
      return evaluation.get();
    } finally {
      System.getProperties().remove(SIGNAL);
    }
  }

  @Test
  @Timeout(60)
  void interruptStopsASleepingCellAndTheEvaluatorStaysUsable() throws Exception {
    Throwable failure =
        interruptWhenRunning("while (true) {\n" + SIGNAL_RUNNING + "\nThread.sleep(10);\n}");
    assertTrue(failure instanceof EvaluationException, String.valueOf(failure));
    assertEquals("Cell interrupted", failure.getMessage());
    assertEquals(2, value("1 + 1"));
  }

  @Test
  @Timeout(60)
  void interruptStopsABusyLoop() throws Exception {
    Throwable failure =
        interruptWhenRunning(
            "long spins = 0;\nwhile (true) {\nif (spins++ == 0) {\n" + SIGNAL_RUNNING + "\n}\n}");
    assertTrue(failure instanceof EvaluationException, String.valueOf(failure));
    assertEquals(3, value("1 + 2"));
  }

  /**
   * A cell of many statements stops at the next statement after an interrupt: the interrupt comes
   * while statement 101 runs (it swallows it and ends normally), and the 100 after it never run.
   */
  @Test
  @Timeout(120)
  void interruptBetweenSnippetsStopsTheRestOfTheCell() throws Exception {
    String hundred = "done++;\n".repeat(100);
    String cell =
        "int done = 0;\n"
            + hundred
            + "{\n"
            + SIGNAL_RUNNING
            + "\ntry { Thread.sleep(60_000); } catch (InterruptedException e) { }\n}\n"
            + hundred;
    Throwable failure = interruptWhenRunning(cell);
    assertTrue(failure instanceof EvaluationException, String.valueOf(failure));
    assertEquals(100, value("done"), "the statements after the interrupted one must not run");
  }

  @Test
  @Timeout(60)
  void exitInACellFailsTheCellInsteadOfEndingTheKernel() throws Exception {
    EvaluationException e =
        assertThrows(EvaluationException.class, () -> evaluator.eval("System.exit(0);"));
    assertTrue(e.getMessage().contains("not allowed in a notebook"), e.getMessage());
    EvaluationException viaRuntime =
        assertThrows(
            EvaluationException.class,
            () -> evaluator.eval("Runnable r = () -> Runtime.getRuntime().halt(1);\nr.run();"));
    assertTrue(viaRuntime.getMessage().contains("Runtime.halt(1)"), viaRuntime.getMessage());
    assertEquals(2, value("1 + 1"));
  }

  /** Returns {@code lines} lines of ten statements each on {@code x}: over 64 KB of bytecode. */
  private static String heavyLines(int lines) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      body.append(" ");
      for (int j = 0; j < 10; j++) {
        body.append(" x += ").append(i * 10 + j).append(" * x + 1;");
      }
      body.append('\n');
    }
    return body.toString();
  }

  @Test
  @Timeout(300)
  void codeTooLargeReportsJavacsError() {
    String method = "int big() {\n  int x = 0;\n" + heavyLines(1_500) + "  return x;\n}";
    CompilationException e = assertThrows(CompilationException.class, () -> evaluator.eval(method));
    assertTrue(e.getMessage().contains("code too large"), e.getMessage());
  }

  @Test
  @Timeout(300)
  void aBlockTooLargeForJavacIsAnErrorNotOk() {
    // The same statements as a block: JShell leaves it undefined instead of rejecting it, and the
    // cell answered ok with no value.
    String block = "{\n  int x = 0;\n" + heavyLines(1_500) + "}";
    CompilationException e = assertThrows(CompilationException.class, () -> evaluator.eval(block));
    assertTrue(e.getMessage().contains("code too large"), e.getMessage());
  }

  @Test
  @Timeout(20)
  void aCellOfTenThousandStatementsIsRefusedBeforeCompiling() {
    StringBuilder cell = new StringBuilder("int n = 0;\n");
    for (int i = 0; i < 10_000; i++) {
      cell.append("n += ").append(i).append(";\n");
    }
    CompilationException e =
        assertThrows(CompilationException.class, () -> evaluator.eval(cell.toString()));
    assertTrue(e.getMessage().contains("10001 lines"), e.getMessage());
    assertTrue(e.getMessage().contains("split it into several cells"), e.getMessage());
  }
}
