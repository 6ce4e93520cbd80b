package dev.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(600)
class SweepCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void sweepWritesCsvAndHeatmap(@TempDir Path tmp) throws Exception {
    int code =
        run(
            "sweep",
            "--scales",
            "1,255",
            "--lrs",
            "0.01",
            "--train-size",
            "2000",
            "--out",
            tmp.toString());
    assertEquals(0, code, err.toString());
    List<String> csv = Files.readAllLines(tmp.resolve("sweep.csv"));
    assertEquals(
        "model,scale,lr,kernel_lr,epochs,loss,val_loss,val_accuracy,dead_relu,status,diverged,seconds",
        csv.get(0));
    assertEquals(1 + 4, csv.size());
    assertPng(tmp.resolve("sweep.png"));
    String text = out.toString();
    assertTrue(text.contains("[4/4]"), text);
    assertTrue(text.contains("sweep wall time:"), text);
  }

  @Test
  void badGridsAreOneLineUsageErrors() {
    assertEquals(Main.USAGE, run("sweep", "--scales", "0"));
    assertTrue(err.toString().contains("Input scale must be a finite number > 0"), err.toString());
    assertEquals(Main.USAGE, run("sweep", "--lrs", "-1"));
    assertTrue(
        err.toString().contains("learning rate must be a finite number > 0, got -1.0"),
        err.toString());
    assertEquals(Main.USAGE, run("sweep", "--lrs", "0.1,x"));
    assertEquals(3, err.toString().strip().lines().count(), err.toString());
    assertEquals(Main.USAGE, run("reproduce", "--seeds", "0"));
    // Typed by picocli's converter: refused while parsing, with OptimizerKind's message.
    assertEquals(Main.USAGE, run("sweep", "--optimizer", "rmsprop", "--scales", "0"));
    assertTrue(
        err.toString().contains("Unknown optimizer 'rmsprop': use sgd, momentum or adam"),
        err.toString());
  }

  @Test
  void reproduceWithSeedsWritesAggregateAndBands(@TempDir Path tmp) throws Exception {
    int code =
        run(
            "reproduce",
            "--seeds",
            "2",
            "--epochs",
            "1",
            "--train-size",
            "2000",
            "--scenarios",
            "a",
            "--out",
            tmp.toString());
    assertEquals(0, code, err.toString());
    List<String> seeds = Files.readAllLines(tmp.resolve("seeds.csv"));
    assertEquals(
        "scenario,epoch,runs,diverged,val_accuracy_mean,val_accuracy_std,val_accuracy_min,val_accuracy_max,"
            + "loss_mean,loss_std,loss_min,loss_max,dead_relu_mean,dead_relu_std,dead_relu_min,"
            + "dead_relu_max",
        seeds.get(0));
    assertTrue(seeds.get(1).startsWith("A,1,2,0,"), seeds.get(1));
    assertPng(tmp.resolve("val_accuracy_bands.png"));
    List<String> history = Files.readAllLines(tmp.resolve("history.csv"));
    assertEquals(3, history.size());
    assertTrue(out.toString().contains("val_accuracy_mean"), out.toString());
  }

  private static void assertPng(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    assertTrue(bytes.length > 5_000, file + " has " + bytes.length + " bytes");
    assertEquals((byte) 0x89, bytes[0]);
    assertEquals('P', bytes[1]);
    assertEquals('N', bytes[2]);
    assertEquals('G', bytes[3]);
  }
}
