package dev.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StreamBatcherTest {

  @Test
  void printlnDoesNotSendAMessagePerLine() {
    List<String> sent = new ArrayList<>();
    StreamBatcher batcher = new StreamBatcher(sent::add);
    PrintStream out = new PrintStream(batcher, true, StandardCharsets.UTF_8);
    for (int i = 0; i < 20_000; i++) {
      out.println("line " + i);
    }
    batcher.endCell();
    String all = String.join("", sent);
    assertEquals(20_000, all.lines().count());
    assertTrue(all.endsWith("line 19999\n"), all.substring(all.length() - 20));
    assertTrue(sent.size() < 10, sent.size() + " messages for 20,000 lines");
  }

  @Test
  void outputPastTheCapIsCountedAndSaid() {
    List<String> sent = new ArrayList<>();
    StreamBatcher batcher = new StreamBatcher(sent::add, 1000);
    PrintStream out = new PrintStream(batcher, true, StandardCharsets.UTF_8);
    for (int i = 0; i < 300; i++) {
      out.println("123456789");
    }
    batcher.endCell();
    String all = String.join("", sent);
    assertEquals(1000, all.indexOf("\n…"));
    assertTrue(all.contains("… 200 more lines (2,000 bytes) not shown"), all);
  }

  @Test
  void aTimedSendNeverSplitsACharacter() {
    List<String> sent = new ArrayList<>();
    StreamBatcher batcher = new StreamBatcher(sent::add);
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    batcher.write(euro, 0, 2);
    long wait = System.nanoTime() + StreamBatcher.INTERVAL_MILLIS * 2_000_000L;
    while (System.nanoTime() < wait) {
      Thread.onSpinWait();
    }
    batcher.sendDue();
    batcher.write(euro, 2, 1);
    batcher.endCell();
    assertEquals("€", String.join("", sent));
  }
}
