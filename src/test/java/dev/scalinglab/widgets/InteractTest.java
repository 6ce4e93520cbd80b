package dev.scalinglab.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The interact helper: debounced re-runs, runs on click, output, errors and interrupts. */
class InteractTest {
  private final RecordingTransport frontend = new RecordingTransport();
  private final WidgetManager manager = new WidgetManager(frontend);

  private void slide(IntSlider s, int value) {
    JsonObject data =
        JsonParser.parseString("{\"method\":\"update\",\"state\":{\"value\":" + value + "}}")
            .getAsJsonObject();
    frontend.deliver(s.modelId(), data, List.of());
  }

  private static void waitFor(java.util.function.BooleanSupplier done) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "timed out");
      Thread.sleep(10);
    }
  }

  @Test
  void burstOfChangesRunsOnceWithTheLastValue() throws Exception {
    IntSlider s = new IntSlider();
    Output out = new Output();
    AtomicInteger calls = new AtomicInteger();
    Interact interact =
        Interact.onChange(
            manager,
            out,
            Duration.ofMillis(200),
            () -> {
              calls.incrementAndGet();
              return "value " + s.value();
            },
            s);
    manager.open(s);
    manager.open(out);
    for (int v = 1; v <= 5; v++) {
      slide(s, v);
    }
    waitFor(() -> interact.runs() == 1);
    Thread.sleep(300); // no second run comes
    assertEquals(1, calls.get());
    assertEquals(1, out.outputs().size());
    JsonObject shown = out.outputs().get(0).getAsJsonObject();
    assertEquals("display_data", shown.get("output_type").getAsString());
    assertEquals("value 5", shown.getAsJsonObject("data").get("text/plain").getAsString());
    // The frontend learnt the outputs through an update of the Output's state.
    assertEquals("update", frontend.last(out.modelId()).method());
  }

  @Test
  void clickRunsAndAFailureIsShownNotThrown() throws Exception {
    Button b = new Button().description("Train");
    Output out = new Output();
    Interact interact =
        Interact.onClick(
            manager,
            b,
            out,
            () -> {
              throw new IllegalArgumentException("lr must be > 0");
            });
    manager.open(b);
    frontend.deliver(
        b.modelId(),
        JsonParser.parseString("{\"method\":\"custom\",\"content\":{\"event\":\"click\"}}")
            .getAsJsonObject(),
        List.of());
    waitFor(() -> interact.runs() == 1);
    JsonObject shown = out.outputs().get(0).getAsJsonObject();
    assertEquals("stderr", shown.get("name").getAsString());
    assertEquals("error: lr must be > 0\n", shown.get("text").getAsString());
  }

  @Test
  void stopButtonInterruptsARunThatTrains() throws Exception {
    Output out = new Output();
    CountDownLatch started = new CountDownLatch(1);
    Button b = new Button();
    Interact interact =
        Interact.onClick(
            manager,
            b,
            out,
            () -> {
              started.countDown();
              for (int step = 0; ; step++) { // a training loop that checks for interrupts
                if (Thread.currentThread().isInterrupted()) {
                  return "stopped at step " + step;
                }
                Thread.onSpinWait();
              }
            });
    interact.run();
    assertTrue(started.await(5, TimeUnit.SECONDS));
    assertTrue(manager.interruptCallbacks()); // what the kernel's stop button calls
    waitFor(() -> interact.runs() == 1);
    String text =
        out.outputs()
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("data")
            .get("text/plain")
            .getAsString();
    assertTrue(text.startsWith("stopped at step "), text);
  }
}
