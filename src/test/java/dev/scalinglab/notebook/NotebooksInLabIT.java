package dev.scalinglab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every notebook as a person uses it: opened in the project's JupyterLab in a real browser
 * (Debian's chromium driven by playwright-core, {@code src/test/browser/run-notebook.mjs}), Kernel
 * › Restart Kernel and Run All Cells from the menu, in quick mode. Checks no error or stderr
 * output, every table and plot of the committed notebook visible in its cell, and the live training
 * display updating. Screenshots: {@code target/lab-screenshots/}.
 */
@DisabledIfSystemProperty(named = "skipKernelTests", matches = "true")
@DisabledIfSystemProperty(named = "skipBrowserTests", matches = "true")
class NotebooksInLabIT {

  private static final Path BROWSER = TestKernel.PROJECT.resolve("src/test/browser");
  private static final Path SHOTS = TestKernel.PROJECT.resolve("target/lab-screenshots");
  private static final long TIMEOUT_MINUTES = 10;

  /**
   * Page errors that JupyterLab raises itself, whatever the kernel: each is allowed by its exact
   * text only, and {@link #ipykernelGetsTheAllowedPageErrorsToo} shows ipykernel gets it too. Any
   * other page error (e.g. "Kernel message validation error: ...") fails the notebook. "No active
   * debugger session": JupyterLab's debugger extension throws it once per executed cell for a
   * kernelspec without {@code metadata.debugger} (it never sends that kernel a debug_request); the
   * ipykernel reference gets it 3 times for its 3 cells.
   */
  static final Set<String> JUPYTERLAB_OWN_ERRORS = Set.of("No active debugger session");

  /** A notebook on ipykernel doing what ours do: output, a display, a widget. */
  private static final String PYTHON_NOTEBOOK = "00-ipykernel-reference.ipynb";

  /**
   * ipykernel as `ipykernel install` writes its kernelspec where debugpy is missing ({@code
   * metadata.debugger: false}): a Python kernel without a debugger, as ours is a Java one.
   */
  private static final String PYTHON_KERNEL = "python3-without-debugpy";

  @TempDir static Path dir;
  private static JupyterLabServer lab;

  @BeforeAll
  static void startLab() throws Exception {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(JupyterLabServer.JUPYTER)) {
      missing.add(JupyterLabServer.JUPYTER + " (JupyterLab in the project's .venv)");
    }
    if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
      missing.add("/usr/bin/chromium (Debian's chromium)");
    }
    if (!Files.isDirectory(BROWSER.resolve("node_modules/playwright-core"))) {
      missing.add(BROWSER.resolve("node_modules/playwright-core") + " (npm ci)");
    }
    assertEquals(
        List.of(),
        missing,
        "the browser test needs these; run `bash environment/setup` "
            + "(or skip this test with -DskipBrowserTests=true)");
    Path root = dir.resolve("notebooks");
    Files.createDirectories(root);
    Files.writeString(root.resolve(PYTHON_NOTEBOOK), pythonNotebook());
    for (String name : NotebooksIT.notebooks().toList()) {
      Files.copy(TestKernel.PROJECT.resolve("notebooks").resolve(name), root.resolve(name));
    }
    Path python = dir.resolve("jupyter-path/kernels").resolve(PYTHON_KERNEL);
    Files.createDirectories(python);
    Files.writeString(python.resolve("kernel.json"), pythonKernelspec());
    long start = System.nanoTime();
    lab = JupyterLabServer.start(root, dir, TestKernel.QUICK);
    System.out.printf("JupyterLab answered after %.1f s%n", (System.nanoTime() - start) / 1e9);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stopLab() throws Exception {
    if (lab != null) {
      lab.close();
    }
  }

  static Stream<String> notebooks() throws IOException {
    return NotebooksIT.notebooks();
  }

  @ParameterizedTest
  @MethodSource("notebooks")
  void restartAndRunAllShowsEveryTableAndPlot(String name) throws Exception {
    boolean playground = name.startsWith("05-playground");
    JsonObject report = drive(name, playground ? Map.of("PLAYGROUND", "true") : Map.of());
    assertNull(report.get("failure"), () -> name + ": " + report.get("failure").getAsString());
    assertTrue(
        report.get("kernelName").getAsString().contains("test"),
        name + " ran on the test kernelspec: " + report.get("kernelName"));

    Path notebook = TestKernel.PROJECT.resolve("notebooks").resolve(name);
    var expected = NotebookOutputs.shown(notebook);
    Set<Integer> live = NotebookOutputs.liveDisplays(notebook);
    List<String> problems = new ArrayList<>();
    for (JsonElement e : report.getAsJsonArray("cells")) {
      JsonObject cell = e.getAsJsonObject();
      if (!"code".equals(cell.get("type").getAsString())) {
        continue;
      }
      int index = cell.get("index").getAsInt();
      String where = name + " cell " + index + " (" + cell.get("source").getAsString() + "…)";
      if (cell.get("executionCount").isJsonNull()) {
        problems.add(where + ": did not run");
      }
      for (JsonElement o : cell.getAsJsonArray("outputs")) {
        JsonObject output = o.getAsJsonObject();
        if ("error".equals(output.get("type").getAsString())) {
          problems.add(where + ": " + output.get("ename") + " " + output.get("evalue"));
        }
      }
      for (JsonElement text : cell.getAsJsonArray("stderr")) {
        problems.add(where + ": red output " + text.getAsString());
      }
      Set<NotebookOutputs.Kind> kinds = expected.getOrDefault(index, Set.of());
      if (kinds.contains(NotebookOutputs.Kind.PLOT) && cell.get("images").getAsInt() == 0) {
        problems.add(where + ": no visible plot");
      }
      if (kinds.contains(NotebookOutputs.Kind.TABLE) && cell.get("tables").getAsInt() == 0) {
        problems.add(where + ": no visible table");
      }
      for (JsonElement overflow : cell.getAsJsonArray("tableOverflow")) {
        if (overflow.getAsInt() > 0) {
          problems.add(where + ": a table " + overflow + " px wider than the notebook column");
        }
      }
      if (live.contains(index) && cell.get("stateImages").getAsInt() < 2) {
        problems.add(
            where
                + ": the live display showed "
                + cell.get("stateImages")
                + " chart(s), not updates");
      }
    }
    for (JsonElement error : report.getAsJsonArray("pageErrors")) {
      if (!JUPYTERLAB_OWN_ERRORS.contains(error.getAsString())) {
        problems.add(name + ": page error " + error.getAsString());
      }
    }
    assertEquals(List.of(), problems, name + " in JupyterLab");
    if (playground) {
      checkPlayground(report.getAsJsonObject("playground"));
    }
  }

  /**
   * After s was set to 64, the activation to tanh and Train clicked: the chart redrew, status and
   * table show s = 64 and the tanh model.
   */
  private static void checkPlayground(JsonObject p) {
    assertNotNull(p, "the playground was driven");
    System.out.println("playground: " + p);
    String status = p.get("status").getAsString();
    assertTrue(status.startsWith("done: s=64"), "status line after training: " + status);
    assertTrue(p.get("imageVisible").getAsBoolean(), "the live chart is visible");
    assertTrue(
        p.get("chartSources").getAsInt() >= 2,
        "the chart changed during training: " + p.get("chartSources") + " images");
    String table = p.get("htmlAfter").getAsString();
    assertTrue(table.contains("s=64"), "the summary table shows the new s: " + table);
    assertTrue(
        table.contains("784-300-100-10 tanh"),
        "the summary names the model picked with the activation control: " + table);
    assertTrue(!table.equals(p.get("htmlBefore").getAsString()), "the table changed");
  }

  /**
   * Runs the browser script on {@code name} with {@code extraEnv} and returns its report; the
   * script's log is printed.
   */
  static JsonObject drive(String name, Map<String, String> extraEnv) throws Exception {
    Path out = dir.resolve(name + ".browser.log");
    ProcessBuilder pb =
        new ProcessBuilder("node", BROWSER.resolve("run-notebook.mjs").toString())
            .directory(BROWSER.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    pb.environment().put("LAB_URL", lab.url());
    pb.environment().put("LAB_TOKEN", lab.token());
    pb.environment().put("NOTEBOOK", name);
    pb.environment().put("SHOTS_DIR", SHOTS.toString());
    pb.environment().put("TIMEOUT_MS", String.valueOf(TimeUnit.MINUTES.toMillis(TIMEOUT_MINUTES)));
    pb.environment().putAll(extraEnv);
    Process process = pb.start();
    boolean finished = process.waitFor(TIMEOUT_MINUTES + 2, TimeUnit.MINUTES);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
    List<String> lines = Files.readAllLines(out);
    lines.stream().filter(l -> !l.startsWith("REPORT ")).forEach(System.out::println);
    assertTrue(finished, name + ": the browser script did not finish");
    String reportLine =
        lines.stream().filter(l -> l.startsWith("REPORT ")).reduce((a, b) -> b).orElse(null);
    assertNotNull(reportLine, name + ": no report from the browser script:\n" + lines);
    JsonObject report = JsonParser.parseString(reportLine.substring(7)).getAsJsonObject();
    System.out.println(name + " timings (s): " + report.get("timings"));
    System.out.println(name + " page errors: " + report.get("pageErrors"));
    return report;
  }

  /**
   * The errors allowed as JupyterLab's own come in a notebook on ipykernel (the Python kernel
   * JupyterLab is built with) too; otherwise they are ours to fix.
   */
  @org.junit.jupiter.api.Test
  void ipykernelGetsTheAllowedPageErrorsToo() throws Exception {
    JsonObject report = drive(PYTHON_NOTEBOOK, Map.of());
    assertNull(report.get("failure"), () -> "ipykernel: " + report.get("failure").getAsString());
    Set<String> seen = new java.util.HashSet<>();
    report.getAsJsonArray("pageErrors").forEach(e -> seen.add(e.getAsString()));
    for (String allowed : JUPYTERLAB_OWN_ERRORS) {
      assertTrue(seen.contains(allowed), "ipykernel does not get \"" + allowed + "\": " + seen);
    }
  }

  private static String pythonKernelspec() {
    com.google.gson.JsonArray argv = new com.google.gson.JsonArray();
    for (String arg :
        List.of(
            TestKernel.PROJECT.resolve(".venv/bin/python").toString(),
            "-m",
            "ipykernel_launcher",
            "-f",
            "{connection_file}")) {
      argv.add(arg);
    }
    JsonObject metadata = new JsonObject();
    metadata.addProperty("debugger", false);
    JsonObject spec = new JsonObject();
    spec.add("argv", argv);
    spec.addProperty("display_name", "Python 3 (ipykernel, no debugpy)");
    spec.addProperty("language", "python");
    spec.add("metadata", metadata);
    return spec.toString();
  }

  private static String pythonNotebook() {
    JsonObject notebook = new JsonObject();
    com.google.gson.JsonArray cells = new com.google.gson.JsonArray();
    for (String source :
        List.of(
            "import ipywidgets as w\nfrom IPython.display import display\nprint('printed')",
            "display('shown')\n6 * 7",
            "s = w.IntSlider(min=1, max=10, value=3)\ns")) {
      JsonObject cell = new JsonObject();
      cell.addProperty("cell_type", "code");
      cell.add("execution_count", com.google.gson.JsonNull.INSTANCE);
      cell.add("metadata", new JsonObject());
      cell.add("outputs", new com.google.gson.JsonArray());
      cell.addProperty("source", source);
      cells.add(cell);
    }
    notebook.add("cells", cells);
    JsonObject spec = new JsonObject();
    spec.addProperty("name", PYTHON_KERNEL);
    spec.addProperty("display_name", "Python 3 (ipykernel, no debugpy)");
    spec.addProperty("language", "python");
    JsonObject metadata = new JsonObject();
    metadata.add("kernelspec", spec);
    notebook.add("metadata", metadata);
    notebook.addProperty("nbformat", 4);
    notebook.addProperty("nbformat_minor", 5);
    return notebook.toString();
  }
}
