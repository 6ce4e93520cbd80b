package dev.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every message of the real kernel process checked as JupyterLab checks it (Debian's
 * /usr/bin/python3 running src/test/python/protocol_checks.py through jupyter_client): complete
 * headers on iopub, shell and control, including before the first cell and from comms, and
 * debug_request answered as by a kernel without a debugger. Skipped with {@code
 * -DskipKernelTests=true}.
 */
@DisabledIfSystemProperty(named = "skipKernelTests", matches = "true")
class KernelProtocolIT {
  private static final String KERNEL = "java-scaling-lab-protocol-test";

  @TempDir static Path jupyter;

  @BeforeAll
  static void kernelspec() throws Exception {
    KernelSpecWriter.write(
        jupyter.resolve("kernels").resolve(KERNEL),
        KernelSpecWriter.currentJava(),
        System.getProperty("java.class.path"),
        "Java (protocol test)");
    Files.createDirectories(jupyter.resolve("runtime"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"headers", "debug"})
  void everyMessagePassesJupyterLabsValidation(String check) throws Exception {
    Path log = Files.createTempFile(jupyter, check, ".log");
    ProcessBuilder builder =
        new ProcessBuilder(List.of("/usr/bin/python3", "src/test/python/protocol_checks.py", check))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("JUPYTER_PATH", jupyter.toString());
    builder.environment().put("JUPYTER_RUNTIME_DIR", jupyter.resolve("runtime").toString());
    builder.environment().put("KERNEL_NAME", KERNEL);
    Process process = builder.start();
    boolean finished = process.waitFor(300, TimeUnit.SECONDS);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);
    assertTrue(finished, check + " checks timed out:\n" + output);
    assertTrue(output.contains("protocol checks: 0 failed"), output);
    assertEquals(0, process.exitValue(), output);
  }
}
