package dev.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.report.Charts;
import java.awt.image.BufferedImage;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

/** What a cell's image shows where only text can be shown. */
class RenderersTest {

  @Test
  void anImagesTextSaysWhatItIsNotItsJavaObject() {
    BufferedImage chart =
        Charts.image(Charts.newChart("loss by epoch", "epoch", "loss", Charts.WIDTH));
    // The kernel's registry: the library's image renderers, as BaseKernel registers them.
    Renderer kernelRenderer = new Renderer();
    org.dflib.jjava.jupyter.kernel.display.common.Image.registerAll(kernelRenderer);
    DisplayData data = Renderers.render(kernelRenderer, chart);
    assertEquals(
        "chart \"loss by epoch\" (" + Charts.WIDTH + "×" + Charts.HEIGHT + " px)",
        data.getData(MIMEType.TEXT_PLAIN));
    assertTrue(data.hasDataForType(MIMEType.IMAGE_PNG), "the image itself is still sent");

    DisplayData plain = Renderers.render(kernelRenderer, new BufferedImage(3, 2, 1));
    assertEquals("image (3×2 px)", plain.getData(MIMEType.TEXT_PLAIN));
  }
}
