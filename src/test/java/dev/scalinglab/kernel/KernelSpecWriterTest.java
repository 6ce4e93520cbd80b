package dev.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecWriterTest {

  @Test
  void writesKernelJsonWithAHeapCapAndBothLauncherLogos(@TempDir Path dir) throws Exception {
    KernelSpecWriter.write(dir, "/usr/bin/java", "a.jar", "Java (test)");
    JsonObject spec =
        JsonParser.parseString(Files.readString(dir.resolve("kernel.json"))).getAsJsonObject();
    List<String> argv = strings(spec.getAsJsonArray("argv"));
    assertEquals(List.of("/usr/bin/java", "-cp", "a.jar", "-Xmx512m"), argv.subList(0, 4));
    assertEquals(
        List.of(KernelMain.class.getName(), "{connection_file}"),
        argv.subList(argv.size() - 2, argv.size()));
    assertEquals("Java (test)", spec.get("display_name").getAsString());
    assertEquals("java", spec.get("language").getAsString());
    assertEquals("message", spec.get("interrupt_mode").getAsString());
    JsonObject env = spec.getAsJsonObject("env");
    assertEquals("2097152", env.get("MALLOC_MMAP_THRESHOLD_").getAsString());
    assertEquals("2", env.get("MALLOC_ARENA_MAX").getAsString());
    for (int size : new int[] {64, 32}) {
      BufferedImage logo = ImageIO.read(dir.resolve("logo-" + size + "x" + size + ".png").toFile());
      assertEquals(size, logo.getWidth());
      assertEquals(size, logo.getHeight());
      // The tile is opaque and the J is drawn: not one flat colour.
      assertEquals(0xff, logo.getRGB(size / 8, size / 2) >>> 24);
      assertNotEquals(logo.getRGB(size / 8, size / 2), logo.getRGB(size / 2, size / 2));
    }
  }

  @Test
  void quotesBackslashesAndOptionsSurviveAsWritten() {
    String name = "Java \"quoted\" C:\\lab\ttab";
    String option = "-Dscalinglab.note=<a&b>=c";
    String json = KernelSpecWriter.json("/j/java", "x.jar", name, List.of(option));
    JsonObject spec = JsonParser.parseString(json).getAsJsonObject();
    assertEquals(name, spec.get("display_name").getAsString());
    assertTrue(strings(spec.getAsJsonArray("argv")).contains(option), json);
    assertTrue(json.contains(option), "written without HTML escapes: " + json);
  }

  private static List<String> strings(JsonArray array) {
    return array.asList().stream().map(JsonElement::getAsString).toList();
  }
}
