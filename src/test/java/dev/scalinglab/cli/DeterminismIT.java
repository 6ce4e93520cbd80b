package dev.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed, same thread count: the same history in two separate JVMs; another seed differs. */
class DeterminismIT {

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
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.waitFor(5, TimeUnit.MINUTES);
    assertEquals(0, p.exitValue());
    return Files.readAllLines(out.resolve("history.csv")).stream()
        .map(line -> line.substring(0, line.lastIndexOf(',')))
        .toList();
  }
}
