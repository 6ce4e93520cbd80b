package dev.scalinglab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executes every notebook headless on the project's kernel (built jar + libs), in the quick mode CI
 * uses, and checks that it ran without a cell error and that each cell which shows a table or a
 * plot in the committed notebook shows it again.
 */
@DisabledIfSystemProperty(named = "skipKernelTests", matches = "true")
class NotebooksIT {

  @TempDir static Path jupyterPath;

  @BeforeAll
  static void installKernelSpec() throws IOException {
    TestKernel.install(jupyterPath);
  }

  static Stream<String> notebooks() throws IOException {
    try (Stream<Path> files = Files.list(TestKernel.PROJECT.resolve("notebooks"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".ipynb"))
          .filter(NotebooksIT::selected)
          .sorted()
          .toList()
          .stream();
    }
  }

  /** {@code -Dnotebooks=01,05} runs only the notebooks whose names start so (all by default). */
  private static boolean selected(String name) {
    String only = System.getProperty("notebooks", "");
    return only.isBlank() || Stream.of(only.split(",")).anyMatch(p -> name.startsWith(p.trim()));
  }

  @ParameterizedTest
  @MethodSource("notebooks")
  void runsTopToBottomWithItsTablesAndPlots(String name, @TempDir Path out) throws Exception {
    Path notebook = TestKernel.PROJECT.resolve("notebooks").resolve(name);
    JsonObject executed = HeadlessRun.execute(jupyterPath, notebook, TestKernel.QUICK, out);
    assertEquals(List.of(), NotebookOutputs.problems(executed), name + " has errors or stderr");
    TreeMap<Integer, Set<NotebookOutputs.Kind>> expected = NotebookOutputs.shown(notebook);
    TreeMap<Integer, Set<NotebookOutputs.Kind>> actual = NotebookOutputs.shown(executed);
    for (var cell : expected.entrySet()) {
      assertEquals(
          cell.getValue(),
          actual.getOrDefault(cell.getKey(), Set.of()),
          name + " cell " + cell.getKey() + " shows what the committed notebook shows");
    }
  }
}
