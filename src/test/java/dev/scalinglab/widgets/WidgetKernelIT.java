package dev.scalinglab.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.kernel.KernelSpecWriter;
import dev.scalinglab.kernel.PythonChecks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The widget protocol against the real kernel process: jupyter_client (Debian's /usr/bin/python3
 * running src/test/python/widget_checks.py) plays the frontend. An integration test (it starts
 * Python and a kernel JVM), run by failsafe at {@code verify}; skipped with {@code
 * -DskipKernelTests=true}. The same wiring in-process, without Python: {@link
 * WidgetsExtensionTest}.
 */
@DisabledIfSystemProperty(named = "skipKernelTests", matches = "true")
class WidgetKernelIT {
  private static final String KERNEL = "java-scaling-lab-widgets-test";

  @Test
  void frontendAndKernelAgreeOnEveryWidgetMessage(@TempDir Path jupyter) throws Exception {
    KernelSpecWriter.write(
        jupyter.resolve("kernels").resolve(KERNEL),
        KernelSpecWriter.currentJava(),
        System.getProperty("java.class.path"),
        "Java (widget test)");
    PythonChecks.Outcome run =
        PythonChecks.run(
            Path.of("src/test/python/widget_checks.py"), List.of(), jupyter, KERNEL, Map.of(), 300);
    assertTrue(run.finished(), "widget checks timed out:\n" + run.output());
    assertTrue(run.output().contains("widget checks: 0 failed"), run.output());
    assertEquals(0, run.exitValue(), run.output());
  }
}
