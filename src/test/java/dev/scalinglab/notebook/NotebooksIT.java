package dev.scalinglab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scalinglab.kernel.KernelSpecWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executes every notebook headless on the project's kernel (built jar + libs), in the quick mode CI
 * uses, and checks that it ran without a cell error and shows the tables and plots it promises.
 */
@DisabledIfSystemProperty(named = "skipKernelTests", matches = "true")
class NotebooksIT {

  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final Map<String, String> QUICK =
      Map.of(
          "SCALING_LAB_EPOCHS", "1",
          "SCALING_LAB_TRAIN_SIZE", "2000",
          "SCALING_LAB_STEPS", "40",
          "SCALING_LAB_SEEDS", "2");

  @TempDir static Path jupyterPath;

  @BeforeAll
  static void installKernelSpec() throws IOException {
    String classpath =
        PROJECT.resolve("target/scaling-lab.jar") + ":" + PROJECT.resolve("target/lib") + "/*";
    KernelSpecWriter.write(
        jupyterPath.resolve("kernels").resolve(KernelSpecWriter.NAME),
        KernelSpecWriter.currentJava(),
        classpath,
        "Java (scaling-lab, test)");
  }

  static List<Arguments> notebooks() {
    // name, at least this many HTML tables, at least this many PNG plots
    return List.of(
        Arguments.of("01-the-question.ipynb", 4, 3),
        Arguments.of("02-learning-rate-compensation.ipynb", 5, 3),
        Arguments.of("03-why.ipynb", 3, 4),
        Arguments.of("04-beyond.ipynb", 3, 3));
  }

  @ParameterizedTest
  @MethodSource("notebooks")
  void runsTopToBottomWithItsTablesAndPlots(String name, int tables, int plots, @TempDir Path out)
      throws Exception {
    Path notebook = PROJECT.resolve("notebooks").resolve(name);
    assertTrue(Files.isRegularFile(notebook), notebook + " exists");
    long start = System.nanoTime();
    ProcessBuilder pb =
        new ProcessBuilder(
                "/usr/bin/python3",
                "-m",
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--ExecutePreprocessor.timeout=900",
                "--ExecutePreprocessor.kernel_name=" + KernelSpecWriter.NAME,
                "--output-dir",
                out.toString(),
                notebook.toString())
            .redirectErrorStream(true);
    pb.environment().put("JUPYTER_PATH", jupyterPath.toString());
    pb.environment().putAll(QUICK);
    Process process = pb.start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(20, TimeUnit.MINUTES), "nbconvert finished");
    assertEquals(0, process.exitValue(), "nbconvert failed on " + name + ":\n" + log);
    System.out.printf(
        "notebook %s executed in %.1f s (quick mode)%n", name, (System.nanoTime() - start) / 1e9);

    JsonObject executed =
        JsonParser.parseString(Files.readString(out.resolve(name))).getAsJsonObject();
    int html = 0;
    int png = 0;
    List<String> errors = new ArrayList<>();
    for (JsonElement cell : executed.getAsJsonArray("cells")) {
      JsonObject c = cell.getAsJsonObject();
      if (!"code".equals(c.get("cell_type").getAsString())) {
        continue;
      }
      for (JsonElement o : c.getAsJsonArray("outputs")) {
        JsonObject output = o.getAsJsonObject();
        String type = output.get("output_type").getAsString();
        if ("error".equals(type)) {
          errors.add(output.get("ename").getAsString());
        }
        if ("stream".equals(type) && "stderr".equals(output.get("name").getAsString())) {
          errors.add("stderr: " + join(output.get("text")));
        }
        if (output.has("data")) {
          JsonObject data = output.getAsJsonObject("data");
          html += data.has("text/html") && join(data.get("text/html")).contains("<table") ? 1 : 0;
          png += data.has("image/png") ? 1 : 0;
        }
      }
    }
    assertEquals(List.of(), errors, name + " has errors or stderr output");
    assertTrue(html >= tables, name + ": " + html + " HTML tables, expected at least " + tables);
    assertTrue(png >= plots, name + ": " + png + " PNG plots, expected at least " + plots);
  }

  private static String join(JsonElement text) {
    if (text.isJsonArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonElement line : (JsonArray) text) {
        sb.append(line.getAsString());
      }
      return sb.toString();
    }
    return text.getAsString();
  }
}
