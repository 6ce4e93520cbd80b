package dev.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecWriterTest {

  @Test
  void writesKernelJsonWithAHeapCapAndBothLauncherLogos(@TempDir Path dir) throws Exception {
    KernelSpecWriter.write(dir, "/usr/bin/java", "a.jar", "Java (test)");
    String json = Files.readString(dir.resolve("kernel.json"));
    assertTrue(json.contains("\"-Xmx2g\""), json);
    for (int size : new int[] {64, 32}) {
      BufferedImage logo = ImageIO.read(dir.resolve("logo-" + size + "x" + size + ".png").toFile());
      assertEquals(size, logo.getWidth());
      assertEquals(size, logo.getHeight());
      // The tile is opaque and the J is drawn: not one flat colour.
      assertEquals(0xff, logo.getRGB(size / 8, size / 2) >>> 24);
      assertNotEquals(logo.getRGB(size / 8, size / 2), logo.getRGB(size / 2, size / 2));
    }
  }
}
