package dev.scalinglab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every notebook over parameters a careless user would pick (set through the same environment
 * variables as the parameters cell): a train set of a few batches, a batch as large as the train
 * set, one epoch, one scenario, a learning rate of 1, each optimizer (where a notebook has that
 * parameter), and the quick setting that once broke notebooks 02 and 04 (one epoch of 3,000 images
 * against the default trajectory of 1,000 steps). Each must run without an error and show every
 * table and plot its committed version shows.
 */
@DisabledIfSystemProperty(named = "skipKernelTests", matches = "true")
class NotebookGridIT {

  /** The grid: a name and the parameters it sets (the rest keep the notebook's defaults). */
  static final Map<String, Map<String, String>> GRID =
      Map.of(
          "three batches of 64, one epoch, scenario A only, Adam",
          Map.of(
              "SCALING_LAB_OPTIMIZER", "adam",
              "SCALING_LAB_TRAIN_SIZE", "200",
              "SCALING_LAB_BATCH", "64",
              "SCALING_LAB_EPOCHS", "1",
              "SCALING_LAB_SCENARIOS", "A",
              "SCALING_LAB_SEEDS", "2"),
          "one batch of the whole train set, lr 1, two epochs, momentum",
          Map.of(
              "SCALING_LAB_OPTIMIZER", "momentum",
              "SCALING_LAB_TRAIN_SIZE", "512",
              "SCALING_LAB_BATCH", "512",
              "SCALING_LAB_LR", "1",
              "SCALING_LAB_EPOCHS", "2",
              "SCALING_LAB_SEEDS", "2"),
          "one epoch of 3,000 images",
          Map.of(
              "SCALING_LAB_TRAIN_SIZE", "3000",
              "SCALING_LAB_EPOCHS", "1",
              "SCALING_LAB_SEEDS", "2"));

  @TempDir static Path jupyterPath;

  @BeforeAll
  static void installKernelSpec() throws IOException {
    TestKernel.install(jupyterPath);
  }

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    // The playground's parameters are its controls, each with its own range (the browser test).
    for (String notebook :
        NotebooksIT.notebooks().filter(n -> !n.startsWith("05-playground")).toList()) {
      GRID.keySet().stream().sorted().forEach(name -> cases.add(Arguments.of(notebook, name)));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void runsCleanWithPlausibleParameters(String name, String setting, @TempDir Path out)
      throws Exception {
    Path notebook = TestKernel.PROJECT.resolve("notebooks").resolve(name);
    JsonObject executed = HeadlessRun.execute(jupyterPath, notebook, GRID.get(setting), out);
    assertEquals(
        List.of(), NotebookOutputs.problems(executed), name + " with " + setting + ": errors");
    var expected = NotebookOutputs.shown(notebook);
    var actual = NotebookOutputs.shown(executed);
    List<String> missing = new ArrayList<>();
    for (var cell : expected.entrySet()) {
      Set<NotebookOutputs.Kind> shown = actual.getOrDefault(cell.getKey(), Set.of());
      if (!shown.containsAll(cell.getValue())) {
        missing.add("cell " + cell.getKey() + " shows " + shown + ", not " + cell.getValue());
      }
    }
    assertEquals(List.of(), missing, name + " with " + setting);
  }
}
