package dev.scalinglab.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.model.ActivationKind;
import dev.scalinglab.train.OptimizerKind;
import dev.scalinglab.widgets.RecordingTransport;
import dev.scalinglab.widgets.WidgetManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The playground driven as a person would, through widget messages: move the s slider, click Train,
 * and the chart (during training) and the table (after) show the new run.
 */
class PlaygroundTest {
  private static FashionMnistData data;

  @BeforeAll
  static void load() {
    data = FashionMnistData.load();
  }

  private final RecordingTransport frontend = new RecordingTransport();
  private final WidgetManager manager = new WidgetManager(frontend);

  private static JsonObject json(String text) {
    return JsonParser.parseString(text).getAsJsonObject();
  }

  private static void waitFor(java.util.function.BooleanSupplier done, int seconds)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "timed out");
      Thread.sleep(20);
    }
  }

  @Test
  void slideSClickTrainAndChartAndTableShowTheNewRun() throws Exception {
    var initial = new Settings(255, 0.01, Compensation.NONE, OptimizerKind.SGD, 2, 2000);
    Playground playground = new Playground(data, initial, 32, 42);
    manager.displayBundle(playground.view());
    String chartId = playground.chart().modelId();
    int chartUpdatesBefore = frontend.updatesWithBuffers(chartId);

    frontend.deliver(
        playground.scaleSlider().modelId(),
        json("{\"method\":\"update\",\"state\":{\"value\":64.0}}"),
        List.of());
    frontend.deliver(
        playground.trainButton().modelId(),
        json("{\"method\":\"custom\",\"content\":{\"event\":\"click\"}}"),
        List.of());
    waitFor(() -> playground.status().value().startsWith("done:"), 180);

    Playground.Result run = playground.last();
    assertEquals(64.0, run.settings().scale());
    // 2000 images / batch 32 = 62 steps an epoch: points at steps 50, 62, 112, 124.
    assertEquals(
        List.of(50L, 62L, 112L, 124L),
        run.history().stepRows("s=64").stream().map(r -> r.step()).toList());
    assertTrue(playground.table().value().contains("s=64"), playground.table().value());
    assertTrue(playground.table().value().contains("s = 64 · lr = 0.01"));
    int chartUpdates = frontend.updatesWithBuffers(chartId) - chartUpdatesBefore;
    assertTrue(chartUpdates >= 2, "chart refreshed " + chartUpdates + " times");
    byte[] png = playground.chart().value();
    assertEquals('P', png[1]);
    assertTrue(run.firstPointSeconds() > 0 && run.firstPointSeconds() < 60);
    System.out.printf(
        "playground (2 x 62 steps, shared machine): first point %.2f s after the click,"
            + " chart every %.2f s, %d refreshes%n",
        run.firstPointSeconds(), run.refreshSeconds(), chartUpdates);

    // Only s moves: A's baseline is reused (its rows, timings included, are the same objects'
    // values).
    frontend.deliver(
        playground.scaleSlider().modelId(),
        json("{\"method\":\"update\",\"state\":{\"value\":16.0}}"),
        List.of());
    frontend.deliver(
        playground.trainButton().modelId(),
        json("{\"method\":\"custom\",\"content\":{\"event\":\"click\"}}"),
        List.of());
    waitFor(() -> playground.status().value().startsWith("done: s=16"), 180);
    Playground.Result second = playground.last();
    assertEquals(run.history().rows("A"), second.history().rows("A"));
    assertEquals(run.history().stepRows("A"), second.history().stepRows("A"));
    assertEquals(4, second.history().stepRows("s=16").size());
    assertTrue(playground.table().value().contains("s=16"));

    // The model changes: A is trained again, on the new model, beside the tweaked run.
    frontend.deliver(
        playground.activationControl().modelId(),
        json("{\"method\":\"update\",\"state\":{\"index\":2}}"),
        List.of());
    assertEquals(ActivationKind.TANH, playground.modelChoice().activation());
    frontend.deliver(
        playground.trainButton().modelId(),
        json("{\"method\":\"custom\",\"content\":{\"event\":\"click\"}}"),
        List.of());
    waitFor(
        () -> playground.status().value().startsWith("done:") && playground.last() != second, 180);
    Playground.Result tanh = playground.last();
    assertNotEquals(
        second.history().rows("A").get(0).loss(), tanh.history().rows("A").get(0).loss());
    assertTrue(
        playground.table().value().contains("784-300-100-10 tanh"), playground.table().value());
  }

  @Test
  void stopEndsATrainingAndSaysSo() throws Exception {
    var initial = new Settings(255, 0.01, Compensation.NONE, OptimizerKind.SGD, 10, 55_000);
    Playground playground = new Playground(data, initial, 32, 42);
    manager.displayBundle(playground.view());
    frontend.deliver(
        playground.trainButton().modelId(),
        json("{\"method\":\"custom\",\"content\":{\"event\":\"click\"}}"),
        List.of());
    waitFor(() -> playground.status().value().startsWith("training"), 60);
    assertTrue(manager.interruptCallbacks(), "the kernel's stop button reaches the training");
    waitFor(() -> playground.status().value().startsWith("stopped:"), 60);
    assertTrue(manager.callbacks().awaitIdle(10, TimeUnit.SECONDS));
  }
}
