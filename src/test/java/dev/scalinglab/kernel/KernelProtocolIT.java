package dev.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    PythonChecks.Outcome run =
        PythonChecks.run(
            Path.of("src/test/python/protocol_checks.py"),
            List.of(check),
            jupyter,
            KERNEL,
            Map.of(),
            300);
    assertTrue(run.finished(), check + " checks timed out:\n" + run.output());
    assertTrue(run.output().contains("protocol checks: 0 failed"), run.output());
    assertEquals(0, run.exitValue(), run.output());
  }
}
