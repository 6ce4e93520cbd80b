package dev.scalinglab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scalinglab.kernel.KernelSpecWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Executes a notebook headless with nbconvert, as CI does. */
final class HeadlessRun {

  private static final long TIMEOUT_MINUTES = 15;

  private HeadlessRun() {}

  /**
   * Runs {@code notebook} with nbconvert on the test kernel, with {@code env} added, and returns
   * the executed notebook (the kernelspec from {@code jupyterPath}); fails with nbconvert's log if
   * it fails or takes over 15 minutes.
   */
  static JsonObject execute(Path jupyterPath, Path notebook, Map<String, String> env, Path out)
      throws IOException, InterruptedException {
    return execute(jupyterPath, notebook, env, out, KernelSpecWriter.NAME);
  }

  /** Like {@link #execute(Path, Path, Map, Path)}, on the kernelspec named {@code kernel}. */
  static JsonObject execute(
      Path jupyterPath, Path notebook, Map<String, String> env, Path out, String kernel)
      throws IOException, InterruptedException {
    String name = notebook.getFileName().toString();
    Path log = out.resolve("nbconvert.log");
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
                "--ExecutePreprocessor.kernel_name=" + kernel,
                "--output-dir",
                out.toString(),
                notebook.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile()); // read after waitFor, so the timeout can fire
    pb.environment().put("JUPYTER_PATH", jupyterPath.toString());
    pb.environment().putAll(env);
    Process process = pb.start();
    boolean finished = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
    assertTrue(
        finished,
        name + " did not finish in " + TIMEOUT_MINUTES + " min:\n" + Files.readString(log));
    assertEquals(
        0, process.exitValue(), "nbconvert failed on " + name + " " + env + ":\n" + tail(log));
    System.out.printf(
        "notebook %s executed in %.1f s with %s%n", name, (System.nanoTime() - start) / 1e9, env);
    return JsonParser.parseString(Files.readString(out.resolve(name))).getAsJsonObject();
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
