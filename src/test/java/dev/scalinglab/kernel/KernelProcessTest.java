package dev.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real kernel process through jupyter_client (Debian's /usr/bin/python3 driving
 * src/test/python/kernel_checks.py) with a temporary kernelspec on this test JVM's classpath.
 * Skipped with {@code -DskipKernelTests=true}.
 */
@DisabledIfSystemProperty(named = "skipKernelTests", matches = "true")
class KernelProcessTest {
  private static final String KERNEL_NAME = "java-scaling-lab-test";
  private static final Path SCRIPT = Path.of("src/test/python/kernel_checks.py");

  @TempDir static Path jupyter;

  @BeforeAll
  static void writeKernelspec() throws IOException {
    String classpath = System.getProperty("java.class.path");
    KernelSpecWriter.write(
        jupyter.resolve("kernels").resolve(KERNEL_NAME),
        KernelSpecWriter.currentJava(),
        classpath,
        "Java (scaling-lab test)");
    Files.createDirectories(jupyter.resolve("runtime"));
  }

  private static String run(long timeoutSeconds, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", SCRIPT.toString()));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(jupyter, "checks", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("JUPYTER_PATH", jupyter.toString());
    builder.environment().put("JUPYTER_RUNTIME_DIR", jupyter.resolve("runtime").toString());
    builder.environment().put("KERNEL_NAME", KERNEL_NAME);
    Process process = builder.start();
    boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);
    assertTrue(finished, "kernel checks timed out after " + timeoutSeconds + " s:\n" + output);
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  @Test
  void passesJupyterKernelTestConformanceSuite() throws Exception {
    String output = run(300, "conformance");
    assertTrue(output.contains("failures=0 errors=0"), output);
  }

  @Test
  void startsReliably() throws Exception {
    int starts = Integer.getInteger("kernelStarts", 100);
    String output = run(60L + 5L * starts, "starts", Integer.toString(starts));
    assertTrue(output.contains(starts + " of " + starts + " replied"), output);
  }

  @Test
  void interruptStopsALongCellAndTheKernelStaysUsable() throws Exception {
    String output = run(180, "interrupt");
    assertTrue(output.contains("-> '2'"), output);
    assertTrue(output.contains("shutdown_reply: status ok"), output);
  }

  @Test
  void interruptingATrainingReportsTheEpochsCompleted() throws Exception {
    String output = run(240, "training-interrupt");
    assertTrue(
        output.matches(
            "(?s).*training interrupt: Cell interrupted: .*TrainingInterruptedException: "
                + "Training interrupted; epochs completed: A \\d+, B \\d+.*"),
        output);
    assertTrue(output.contains("afterwards a new training -> status ok"), output);
  }
}
