package dev.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(600)
class MainTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void helpDocumentsEveryOption() {
    assertEquals(0, run("reproduce", "--help"));
    for (String option :
        List.of(
            "--epochs",
            "--scenarios",
            "--train-size",
            "--batch",
            "--lr",
            "--seed",
            "--data",
            "--out")) {
      assertTrue(out.toString().contains(option), option);
    }
  }

  @Test
  void unknownOptionIsAOneLineUsageError() {
    assertEquals(Main.USAGE, run("reproduce", "--epoch", "3"));
    String message = err.toString().strip();
    assertEquals(1, message.lines().count(), message);
    assertTrue(
        message.startsWith("error: Unknown option") && message.contains("'--epoch'"), message);
  }

  @Test
  void badValuesNameTheParameter() {
    assertEquals(Main.USAGE, run("reproduce", "--lr", "-1"));
    assertTrue(
        err.toString().contains("learning rate must be a finite number > 0, got -1.0"),
        err.toString());
    assertEquals(Main.USAGE, run("reproduce", "--epochs", "two"));
    assertTrue(err.toString().contains("--epochs"), err.toString());
    assertEquals(Main.USAGE, run("reproduce", "--scenarios", "A,Z"));
    assertTrue(err.toString().contains("Unknown scenario 'Z'"), err.toString());
    assertEquals(Main.USAGE, run("reproduce", "--lr", "NaN"));
    assertTrue(err.toString().contains("got NaN"), err.toString());
  }

  @Test
  void aRepeatedScenarioOrAnUnrepresentableSweepCellIsOneLine(@TempDir Path tmp) {
    // Both are refused before any data loads or training starts.
    assertEquals(Main.USAGE, run("reproduce", "--scenarios", "A,A", "--out", tmp.toString()));
    assertEquals(
        "error: Scenario A is listed twice in 'A,A': name each once" + System.lineSeparator(),
        err.toString());
    err.getBuffer().setLength(0);
    assertEquals(
        Main.USAGE, run("sweep", "--scales", "1,1e30", "--lrs", "0.01", "--out", tmp.toString()));
    String line = err.toString().strip();
    assertTrue(line.startsWith("error: s = 1e+30, compensated: the first-layer kernel"), line);
    assertFalse(line.contains("\n"), line);
  }

  @Test
  void missingDataDirectoryIsAClearError(@TempDir Path tmp) {
    Path missing = tmp.resolve("fmnist");
    assertEquals(
        Main.USAGE, run("reproduce", "--data", missing.toString(), "--out", tmp.toString()));
    String message = err.toString().strip();
    assertTrue(message.startsWith("error: Fashion-MNIST directory " + missing), message);
    assertEquals(1, message.lines().count(), message);
  }

  @Test
  void reproduceWritesHistoryPlotsAndReport(@TempDir Path tmp) throws Exception {
    int code =
        run(
            "reproduce",
            "--epochs",
            "1",
            "--train-size",
            "2000",
            "--scenarios",
            "a,b",
            "--out",
            tmp.toString());
    assertEquals(0, code, err.toString());
    List<String> csv = Files.readAllLines(tmp.resolve("history.csv"));
    assertEquals(
        "scenario,epoch,loss,accuracy,val_loss,val_accuracy,dead_relu,diverged,seconds",
        csv.get(0));
    assertEquals(3, csv.size());
    assertTrue(csv.get(1).startsWith("A,1,"));
    for (String png : List.of("loss.png", "val_accuracy.png", "val_loss.png", "dead_relu.png")) {
      byte[] bytes = Files.readAllBytes(tmp.resolve(png));
      assertTrue(bytes.length > 5_000, png + " has " + bytes.length + " bytes");
      assertEquals((byte) 0x89, bytes[0]);
      assertEquals('P', bytes[1]);
      assertEquals('N', bytes[2]);
      assertEquals('G', bytes[3]);
    }
    Document report = Jsoup.parse(tmp.resolve("report.html").toFile());
    // Scenarios, summary and history; the summary has a row for A and one for B.
    assertEquals(3, report.select("table").size());
    assertEquals(
        List.of("A", "B"),
        report.select("table").get(1).select("tbody tr").stream()
            .map(row -> row.child(0).text())
            .toList());
    List<String> images = report.select("figure img").stream().map(img -> img.attr("src")).toList();
    assertEquals(4, images.size(), "four embedded plots");
    for (String src : images) {
      byte[] png = Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()));
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertEquals(640, image.getWidth(), "decodes as the chart it embeds");
    }
    assertTrue(out.toString().contains("A   epoch  1/1"), out.toString());
    assertTrue(out.toString().contains("final_val_accuracy"), out.toString());
  }
}
