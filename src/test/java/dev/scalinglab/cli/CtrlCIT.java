package dev.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C during {@code reproduce} stops the training cleanly and reports the epochs completed. */
@Timeout(300)
class CtrlCIT {

  @Test
  void interruptReportsEpochsCompleted(@TempDir Path out) throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                "target/scaling-lab.jar",
                "reproduce",
                "--epochs",
                "100",
                "--train-size",
                "3000",
                "--scenarios",
                "A",
                "--out",
                out.toString())
            .redirectErrorStream(true)
            .start();
    StringBuilder log = new StringBuilder();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        log.append(line).append('\n');
        if (line.startsWith("A   epoch  2/100")) {
          // What Ctrl-C sends to the foreground process.
          new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        }
      }
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM exits");
    String text = log.toString();
    assertTrue(text.contains("interrupted: epochs completed per scenario:"), text);
    assertTrue(text.matches("(?s).*\\n  A: [2-9]\\n.*"), text);
    // One report, no error (it was "error: Task ...ScenarioRun@... rejected from ...").
    assertFalse(text.contains("error"), text);
    assertEquals(Main.INTERRUPTED, p.exitValue(), text);
  }
}
