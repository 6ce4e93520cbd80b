package dev.scalinglab.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotebookKernelTest {

  @Test
  void outsideAKernelItIsNoneAndPrintsText() {
    NotebookKernel kernel = NotebookKernel.current();
    assertEquals("none", kernel.name());
    assertFalse(kernel.canUpdateDisplays());
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      kernel.display(Map.of("text/html", "<b>x</b>", "text/plain", "plain x"));
    } finally {
      System.setOut(old);
    }
    assertEquals("plain x", out.toString(StandardCharsets.UTF_8).strip());
  }
}
