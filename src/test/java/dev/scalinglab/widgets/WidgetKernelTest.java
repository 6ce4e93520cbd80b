package dev.scalinglab.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.kernel.KernelSpecWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The widget protocol against the real kernel process: jupyter_client (Debian's /usr/bin/python3
 * running src/test/python/widget_checks.py) plays the frontend. Skipped with {@code
 * -DskipKernelTests=true}.
 */
@DisabledIfSystemProperty(named = "skipKernelTests", matches = "true")
class WidgetKernelTest {
  private static final String KERNEL = "java-scaling-lab-widgets-test";

  @Test
  void frontendAndKernelAgreeOnEveryWidgetMessage(@TempDir Path jupyter) throws Exception {
    KernelSpecWriter.write(
        jupyter.resolve("kernels").resolve(KERNEL),
        KernelSpecWriter.currentJava(),
        System.getProperty("java.class.path"),
        "Java (widget test)");
    Files.createDirectories(jupyter.resolve("runtime"));
    Path log = jupyter.resolve("checks.log");
    ProcessBuilder builder =
        new ProcessBuilder(List.of("/usr/bin/python3", "src/test/python/widget_checks.py"))
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
    assertTrue(finished, "widget checks timed out:\n" + output);
    assertTrue(output.contains("widget checks: 0 failed"), output);
    assertEquals(0, process.exitValue(), output);
  }
}
