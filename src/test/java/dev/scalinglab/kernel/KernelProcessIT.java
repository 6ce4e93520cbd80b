package dev.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Starts the real kernel process through jupyter_client (Debian's /usr/bin/python3 driving
 * src/test/python/kernel_checks.py) with temporary kernelspecs on this JVM's classpath: one per JDK
 * (the JDK running the tests, and Temurin 25 where installed, as on these machines), so the
 * protocol checks run on JDK 17 and 25. Skipped with {@code -DskipKernelTests=true}.
 */
@DisabledIfSystemProperty(named = "skipKernelTests", matches = "true")
class KernelProcessIT {
  private static final Path SCRIPT = Path.of("src/test/python/kernel_checks.py");
  private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  @TempDir static Path jupyter;

  /** The JDKs the kernel is checked on: name and java binary. */
  static Stream<String> jdks() {
    return Stream.of("current", "temurin25");
  }

  private static String java(String jdk) {
    if (jdk.equals("current")) {
      return KernelSpecWriter.currentJava();
    }
    assumeTrue(Files.isExecutable(TEMURIN_25), "Temurin 25 is not installed at " + TEMURIN_25);
    return TEMURIN_25.toString();
  }

  @BeforeAll
  static void runtimeDir() throws IOException {
    Files.createDirectories(jupyter.resolve("runtime"));
  }

  /** Writes a kernelspec for {@code jdk} (with extra JVM options) and returns its name. */
  private static String kernelspec(String jdk, String... jvmOptions) throws IOException {
    String name = "java-scaling-lab-test-" + jdk + (jvmOptions.length > 0 ? "-small" : "");
    Path dir = jupyter.resolve("kernels").resolve(name);
    KernelSpecWriter.write(
        dir, java(jdk), System.getProperty("java.class.path"), "Java (test " + jdk + ")");
    if (jvmOptions.length > 0) {
      Path json = dir.resolve("kernel.json");
      String text = Files.readString(json);
      for (String option : jvmOptions) {
        text = text.replace("\"-Xmx512m\"", "\"" + option + "\"");
      }
      Files.writeString(json, text);
    }
    return name;
  }

  private static String run(String kernel, long timeoutSeconds, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", SCRIPT.toString()));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(jupyter, "checks", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("JUPYTER_PATH", jupyter.toString());
    builder.environment().put("JUPYTER_RUNTIME_DIR", jupyter.resolve("runtime").toString());
    builder.environment().put("KERNEL_NAME", kernel);
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

  @ParameterizedTest
  @MethodSource("jdks")
  void passesJupyterKernelTestConformanceSuite(String jdk) throws Exception {
    String output = run(kernelspec(jdk), 300, "conformance");
    assertTrue(output.contains("failures=0 errors=0"), output);
  }

  /**
   * Issue 11's kernel faults at the protocol level: stop_on_error, silent/store_history, stdin,
   * System.exit, toString failures, 20,000 lines of output, "code too large", a busy loop stopped.
   */
  @ParameterizedTest
  @MethodSource("jdks")
  void faultsFromTheRedTeamPassAreFixed(String jdk) throws Exception {
    String output = run(kernelspec(jdk), 900, "faults");
    assertTrue(output.contains("faults: 0 failed"), output);
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void aCellThatFillsTheHeapLeavesTheKernelAnswering(String jdk) throws Exception {
    String output = run(kernelspec(jdk, "-Xmx512m"), 400, "oom");
    assertTrue(output.contains("PASS an OOM cell fails and the kernel answers"), output);
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void interruptStopsALongCellAndTheKernelStaysUsable(String jdk) throws Exception {
    String output = run(kernelspec(jdk), 180, "interrupt");
    assertTrue(output.contains("-> '2'"), output);
    assertTrue(output.contains("shutdown_reply: status ok"), output);
  }

  @Test
  void interruptingATrainingReportsTheEpochsCompleted() throws Exception {
    String output = run(kernelspec("current"), 240, "training-interrupt");
    assertTrue(
        output.matches(
            "(?s).*training interrupt: Cell interrupted: .*TrainingInterruptedException: "
                + "Training interrupted; epochs completed: A \\d+, B \\d+.*"),
        output);
    assertTrue(output.contains("afterwards a new training -> status ok"), output);
  }

  @Test
  void startsReliably() throws Exception {
    int starts = Integer.getInteger("kernelStarts", 100);
    String output = run(kernelspec("current"), 60L + 30L * starts, "starts", "" + starts);
    assertTrue(output.contains(starts + " of " + starts + " replied"), output);
  }
}
