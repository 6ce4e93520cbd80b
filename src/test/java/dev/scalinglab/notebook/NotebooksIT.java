package dev.scalinglab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.scalinglab.kernel.KernelSpecWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executes every notebook headless on each kernel of {@code -Dkernels} (the project's kernel, IJava
 * 1.3.0 and JJava 1.0-a7 by default; the library from the built jar + libs), in the quick mode CI
 * uses, and checks that it ran without a cell error and that each cell which shows a table or a
 * plot in the committed notebook shows it again. A named kernel that is not installed fails.
 */
@DisabledIfSystemProperty(named = "skipKernelTests", matches = "true")
class NotebooksIT {

  @TempDir static Path jupyterPath;

  @BeforeAll
  static void installKernelSpec() throws IOException, InterruptedException {
    TestKernel.install(jupyterPath);
    for (String kernel : KernelsUnderTest.named()) {
      KernelsUnderTest.requireInstalled(jupyterPath, kernel);
    }
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

  static Stream<Arguments> notebooksOnKernels() throws IOException {
    List<String> names = notebooks().toList();
    return KernelsUnderTest.named().stream()
        .flatMap(k -> names.stream().map(n -> Arguments.of(k, n)));
  }

  /** {@code -Dnotebooks=01,05} runs only the notebooks whose names start so (all by default). */
  private static boolean selected(String name) {
    String only = System.getProperty("notebooks", "");
    return only.isBlank() || Stream.of(only.split(",")).anyMatch(p -> name.startsWith(p.trim()));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("notebooksOnKernels")
  void runsTopToBottomWithItsTablesAndPlots(String kernel, String name, @TempDir Path out)
      throws Exception {
    Path notebook = TestKernel.PROJECT.resolve("notebooks").resolve(name);
    Map<String, String> env = new HashMap<>(TestKernel.QUICK);
    env.putAll(KernelsUnderTest.classPathEnv(kernel));
    JsonObject executed = HeadlessRun.execute(jupyterPath, notebook, env, out, kernel);
    assertEquals(
        List.of(), NotebookOutputs.problems(executed), name + " on " + kernel + " has errors");
    if (name.startsWith("05")) {
      // Widgets where the kernel has comms the widgets can use; text of the widgets elsewhere.
      assertEquals(
          KernelSpecWriter.NAME.equals(kernel),
          executed.toString().contains("application/vnd.jupyter.widget-view+json"),
          name + " on " + kernel + ": widget views only on the project's kernel");
    }
    TreeMap<Integer, Set<NotebookOutputs.Kind>> expected = NotebookOutputs.shown(notebook);
    TreeMap<Integer, Set<NotebookOutputs.Kind>> actual = NotebookOutputs.shown(executed);
    for (var cell : expected.entrySet()) {
      assertEquals(
          cell.getValue(),
          actual.getOrDefault(cell.getKey(), Set.of()),
          name
              + " cell "
              + cell.getKey()
              + " on "
              + kernel
              + " shows what the committed one shows");
    }
  }
}
