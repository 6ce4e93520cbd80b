package dev.scalinglab.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the protocol-level check scripts of src/test/python (jupyter_client, Debian's
 * python3) against a kernelspec, and returns what it printed; a run that does not end in time is
 * killed with its children.
 */
public final class PythonChecks {

  /** What a check script printed, whether it ended in time, and its exit code. */
  public record Outcome(String output, boolean finished, int exitValue) {}

  private PythonChecks() {}

  /**
   * Runs {@code script} with {@code args}; {@code jupyter} is the JUPYTER_PATH holding {@code
   * kernel}'s kernelspec (its runtime directory goes inside it).
   */
  public static Outcome run(
      Path script,
      List<String> args,
      Path jupyter,
      String kernel,
      Map<String, String> extraEnv,
      long timeoutSeconds)
      throws IOException, InterruptedException {
    Files.createDirectories(jupyter.resolve("runtime"));
    Path log = Files.createTempFile(jupyter, "checks", ".log");
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("JUPYTER_PATH", jupyter.toString());
    builder.environment().put("JUPYTER_RUNTIME_DIR", jupyter.resolve("runtime").toString());
    builder.environment().put("KERNEL_NAME", kernel);
    builder.environment().putAll(extraEnv);
    Process process = builder.start();
    boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);
    return new Outcome(output, finished, process.exitValue());
  }
}
