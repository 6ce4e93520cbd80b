package dev.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.data.DataSource;
import dev.scalinglab.data.IdxFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reproduce} used carelessly: every bad option gives one line {@code error: ...} and exit
 * code 2 before any data is loaded or any step trained; odd but valid values give correct results.
 */
class ReproduceBadInputTest {

  private static final String[] QUICK = {
    "--epochs", "1", "--train-size", "64", "--batch", "32", "--scenarios", "A"
  };

  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int reproduce(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    List<String> all = new ArrayList<>(List.of("reproduce"));
    all.addAll(List.of(args));
    return Main.execute(
        new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
  }

  /** Returns a quick run's options with {@code more} replacing or adding to them. */
  private String[] quickWith(String... more) {
    java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
    for (int i = 0; i < QUICK.length; i += 2) {
      options.put(QUICK[i], QUICK[i + 1]);
    }
    options.put("--out", tmp.resolve("results").toString());
    List<String> extra = new ArrayList<>();
    for (int i = 0; i < more.length; i++) {
      if (more[i].startsWith("--") && i + 1 < more.length) {
        options.put(more[i], more[++i]);
      } else {
        extra.add(more[i]);
      }
    }
    List<String> all = new ArrayList<>();
    options.forEach((k, v) -> all.addAll(List.of(k, v)));
    all.addAll(extra);
    return all.toArray(String[]::new);
  }

  /** Asserts a one-line usage error containing {@code expected}, given before any work. */
  private void assertUsageError(String expected, String... args) {
    assertEquals(Main.USAGE, reproduce(args), String.join(" ", args) + ": " + err);
    String message = err.toString().strip();
    assertEquals(1, message.lines().count(), message);
    assertTrue(message.startsWith("error: "), message);
    assertTrue(message.contains(expected), String.join(" ", args) + " -> " + message);
    assertFalse(out.toString().contains("run:"), "trained before failing: " + out);
  }

  @Test
  void badModelOptionsFailBeforeTheData() {
    assertUsageError("--layers is empty", quickWith("--layers", ","));
    assertUsageError(
        "--layers must start at 784 (the pixels), got 300 first", quickWith("--layers", "300,10"));
    assertUsageError(
        "--layers must end at 10 (the classes), got 100 last", quickWith("--layers", "784,100"));
    assertUsageError("--layers: a width must be >= 1, got 0", quickWith("--layers", "784,0,10"));
    assertUsageError(
        "Unknown activation 'swish': use one of relu, leaky-relu, tanh, sigmoid, gelu",
        quickWith("--activation", "swish"));
    assertUsageError("Unknown initializer 'xavier'", quickWith("--init", "xavier"));
    assertUsageError("Unknown normalization 'group'", quickWith("--norm", "group"));
  }

  @Test
  void outputLocationIsCheckedBeforeTraining() throws Exception {
    Path file = Files.writeString(tmp.resolve("results.txt"), "keep me");
    assertUsageError(
        "--out " + file + " is an existing file, not a directory",
        quickWith("--out", file.toString()));
    assertEquals("keep me", Files.readString(file));
    assertUsageError(
        file + " is a file, not a directory",
        quickWith("--out", file.resolve("sub/dir").toString()));
    assertFalse(out.toString().contains("engine:"), "loaded the engine first: " + out);
    if (Files.isDirectory(Path.of("/proc/self"))) {
      assertUsageError(
          "--out /proc/scaling-lab-results cannot be created in /proc",
          quickWith("--out", "/proc/scaling-lab-results"));
    }
  }

  @Test
  void badNumbersAndNamesAreOneLineErrors() {
    assertUsageError("Unknown option: '--frobnicate'", quickWith("--frobnicate"));
    assertUsageError("Unmatched argument", quickWith("extra"));
    assertUsageError("epochs must be >= 1, got 0", quickWith("--epochs", "0"));
    assertUsageError("epochs must be >= 1, got -3", quickWith("--epochs", "-3"));
    assertUsageError("'99999999999' is not an int", quickWith("--epochs", "99999999999"));
    assertUsageError("'five' is not an int", quickWith("--epochs", "five"));
    assertUsageError(
        "learning rate must be a finite number > 0, got NaN", quickWith("--lr", "NaN"));
    assertUsageError("got Infinity", quickWith("--lr", "Infinity"));
    assertUsageError("got 0.0", quickWith("--lr", "0"));
    assertUsageError("got -0.01", quickWith("--lr", "-0.01"));
    assertUsageError("train size must be in 1..55000, got 0", quickWith("--train-size", "0"));
    assertUsageError("got 55001", quickWith("--train-size", "55001"));
    assertUsageError("'3000000000' is not an int", quickWith("--train-size", "3000000000"));
    assertUsageError("batch size must be >= 1, got 0", quickWith("--batch", "0"));
    assertUsageError("batch size must be >= 1, got -32", quickWith("--batch", "-32"));
    assertUsageError(
        "batch size 65 is larger than the training data (64)", quickWith("--batch", "65"));
    assertUsageError("seeds must be >= 1, got 0", quickWith("--seeds", "0"));
    assertUsageError("is not a long", quickWith("--seed", "99999999999999999999"));
    assertUsageError("Unknown optimizer 'rmsprop'", quickWith("--optimizer", "rmsprop"));
    assertUsageError("No scenario given", quickWith("--scenarios", ""));
    assertUsageError("Unknown scenario 'Z'", quickWith("--scenarios", "A,Z"));
  }

  @Test
  void badDataLocationsAreOneLineErrors() throws Exception {
    Path file = Files.writeString(tmp.resolve("fashion.gz"), "x");
    assertUsageError(file + " is a file, not a directory", quickWith("--data", file.toString()));
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    assertUsageError(
        "Missing Fashion-MNIST file " + empty.resolve(IdxFile.TRAIN_IMAGES.fileName()),
        quickWith("--data", empty.toString()));
    Path odd = Files.createDirectory(tmp.resolve("odd"));
    for (IdxFile f : IdxFile.values()) {
      Files.createSymbolicLink(
          odd.resolve(f.fileName()), DataSource.DEBIAN_DIRECTORY.resolve(f.fileName()));
    }
    Path labels = odd.resolve(IdxFile.TRAIN_LABELS.fileName());
    Files.delete(labels);
    Files.createDirectory(labels);
    assertUsageError(labels + " is a directory, not a file", quickWith("--data", odd.toString()));
  }

  @Test
  void oddButValidValuesGiveCorrectResults() throws Exception {
    // A learning rate that explodes: the run ends normally and marks the scenario diverged.
    Path huge = tmp.resolve("huge");
    assertEquals(
        0,
        reproduce(quickWith("--lr", "1e30", "--epochs", "2", "--out", huge.toString())),
        err.toString());
    List<String> rows = Files.readAllLines(huge.resolve("history.csv"));
    assertEquals(2, rows.size(), "stops after the diverged epoch: " + rows);
    assertTrue(rows.get(1).startsWith("A,1,,"), "no loss for a diverged epoch: " + rows);
    assertTrue(out.toString().contains("diverged"), out.toString());
    // A batch as large as the training data: one step per epoch, a finite loss.
    Path whole = tmp.resolve("whole");
    assertEquals(
        0, reproduce(quickWith("--batch", "64", "--out", whole.toString())), err.toString());
    String row = Files.readAllLines(whole.resolve("history.csv")).get(1);
    assertTrue(Double.isFinite(Double.parseDouble(row.split(",")[2])), row);
  }
}
