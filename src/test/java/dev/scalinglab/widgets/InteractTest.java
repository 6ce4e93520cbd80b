package dev.scalinglab.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
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

  /** Waits until the callbacks queued so far (listeners, clicks, runs) have run. */
  private void settle() throws InterruptedException {
    assertTrue(manager.callbacks().awaitIdle(10, TimeUnit.SECONDS), "callbacks still running");
  }

  /** A timer the test fires by hand: debouncing without waiting for real time. */
  private static final class ManualTimer implements Interact.Timer {
    final List<FutureTask<Void>> scheduled = new CopyOnWriteArrayList<>();
    final List<Duration> delays = new CopyOnWriteArrayList<>();

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
      FutureTask<Void> future = new FutureTask<>(task, null);
      scheduled.add(future);
      delays.add(delay);
      return future;
    }

    /** Runs every task still pending (the delays have passed); returns how many ran. */
    int fire() {
      int fired = 0;
      for (FutureTask<Void> task : scheduled) {
        if (!task.isDone()) {
          task.run();
          fired++;
        }
      }
      return fired;
    }
  }

  @Test
  void burstOfChangesRunsOnceWithTheLastValue() throws Exception {
    IntSlider s = new IntSlider();
    Output out = new Output();
    AtomicInteger calls = new AtomicInteger();
    ManualTimer timer = new ManualTimer();
    Interact interact =
        Interact.onChange(
            manager,
            out,
            Duration.ofMillis(200),
            () -> {
              calls.incrementAndGet();
              return "value " + s.value();
            },
            timer,
            s);
    manager.open(s);
    manager.open(out);
    for (int v = 1; v <= 5; v++) {
      slide(s, v);
    }
    settle(); // each change has rescheduled the run, cancelling the one before
    assertEquals(5, timer.scheduled.size());
    assertEquals(Duration.ofMillis(200), timer.delays.get(4));
    assertEquals(1, timer.fire(), "only the last change's run is left");
    settle();
    assertEquals(1, calls.get());
    assertEquals(1, interact.runs());
    assertEquals(1, out.outputs().size());
    JsonObject shown = out.outputs().get(0).getAsJsonObject();
    assertEquals("display_data", shown.get("output_type").getAsString());
    assertEquals("value 5", shown.getAsJsonObject("data").get("text/plain").getAsString());
    // The frontend learnt the outputs through an update of the Output's state.
    assertEquals("update", frontend.last(out.modelId()).method());
  }

  @Test
  void aChangeRunsAfterTheDebounceOnTheRealTimer() throws Exception {
    IntSlider s = new IntSlider();
    Output out = new Output();
    CountDownLatch ran = new CountDownLatch(1);
    Interact.onChange(
        manager,
        out,
        Duration.ofMillis(20),
        () -> {
          ran.countDown();
          return "value " + s.value();
        },
        s);
    manager.open(s);
    slide(s, 7);
    assertTrue(ran.await(10, TimeUnit.SECONDS), "no run after the debounce");
    settle();
    assertEquals(
        "value 7",
        out.outputs()
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("data")
            .get("text/plain")
            .getAsString());
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
    settle();
    assertEquals(1, interact.runs());
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
    settle();
    assertEquals(1, interact.runs());
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
