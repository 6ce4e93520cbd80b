package dev.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed, same thread count: the same history in two separate JVMs; another seed differs. */
class DeterminismIT {

  private static final long TIMEOUT_MINUTES = 5;

  @Test
  void twoJvmsWithTheSameSeedWriteTheSameHistory(@TempDir Path tmp) throws Exception {
    List<String> first = history(tmp.resolve("first"), 42);
    List<String> second = history(tmp.resolve("second"), 42);
    List<String> other = history(tmp.resolve("other"), 43);
    assertEquals(first, second);
    assertNotEquals(first, other);
  }

  /** Runs the jar and returns history.csv without its wall-clock column. */
  private static List<String> history(Path out, long seed) throws Exception {
    Files.createDirectories(out);
    Path log = out.resolve("run.log");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                "target/scaling-lab.jar",
                "reproduce",
                "--epochs",
                "2",
                "--train-size",
                "2000",
                "--scenarios",
                "A,B,E",
                "--seed",
                Long.toString(seed),
                "--out",
                out.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    // The output goes to a file, so waitFor's limit can fire; a run that hangs is killed.
    boolean ended = p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    assertTrue(ended, "reproduce did not finish within " + TIMEOUT_MINUTES + " min: " + tail(log));
    assertEquals(0, p.exitValue(), "reproduce failed: " + tail(log));
    List<String> rows =
        Files.readAllLines(out.resolve("history.csv")).stream()
            .map(line -> line.substring(0, line.lastIndexOf(',')))
            .toList();
    // A header and 3 scenarios x 2 epochs: an empty history would compare equal too.
    assertEquals(7, rows.size(), String.join("\n", rows));
    return rows;
  }

  private static String tail(Path log) throws java.io.IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
