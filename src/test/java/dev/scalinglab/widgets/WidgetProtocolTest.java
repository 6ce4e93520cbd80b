package dev.scalinglab.widgets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The widget protocol's messages, kernel side, against a transport that plays the frontend. */
class WidgetProtocolTest {
  private final RecordingTransport frontend = new RecordingTransport();
  private final WidgetManager manager = new WidgetManager(frontend);

  private static JsonObject json(String text) {
    return JsonParser.parseString(text).getAsJsonObject();
  }

  private void idle() throws InterruptedException {
    assertTrue(manager.callbacks().awaitIdle(5, TimeUnit.SECONDS));
  }

  @Test
  void commOpenCarriesFullStateAndProtocolVersionAfterLayoutAndStyle() {
    IntSlider slider = new IntSlider().min(1).max(50).value(5).description("epochs");
    manager.open(slider);

    assertEquals(3, frontend.sent.size());
    List<String> models =
        frontend.sent.stream()
            .map(s -> s.data().getAsJsonObject("state").get("_model_name").getAsString())
            .toList();
    assertEquals(List.of("LayoutModel", "SliderStyleModel", "IntSliderModel"), models);
    RecordingTransport.Sent open = frontend.sent.get(2);
    assertEquals("comm_open", open.type());
    assertEquals("jupyter.widget", open.target());
    assertEquals(slider.modelId(), open.commId());
    assertEquals("2.1.0", open.metadata().get("version").getAsString());
    JsonObject state = open.data().getAsJsonObject("state");
    assertEquals(5, state.get("value").getAsInt());
    assertEquals(50, state.get("max").getAsInt());
    assertEquals("epochs", state.get("description").getAsString());
    assertEquals("IPY_MODEL_" + slider.layout().modelId(), state.get("layout").getAsString());
    assertEquals(new JsonArray(), open.data().getAsJsonArray("buffer_paths"));
  }

  @Test
  void kernelChangeSendsOnlyThatKey() {
    FloatLogSlider s = new FloatLogSlider().range(1, 1000).value(1);
    manager.open(s);
    s.value(255);
    RecordingTransport.Sent update = frontend.last(s.modelId());
    assertEquals("update", update.method());
    assertEquals(json("{\"value\":255.0}"), update.data().getAsJsonObject("state"));
    assertEquals(
        3.0,
        s.state().entrySet().stream()
            .filter(e -> e.getKey().equals("max"))
            .map(e -> ((com.google.gson.JsonElement) e.getValue()).getAsDouble())
            .findFirst()
            .orElseThrow(),
        1e-12);
    int before = frontend.sent.size();
    s.value(255);
    assertEquals(before, frontend.sent.size(), "an unchanged value sends nothing");
  }

  @Test
  void frontendUpdateChangesValueEchoesAndCallsListenerOffTheDeliveringThread() throws Exception {
    FloatLogSlider s = new FloatLogSlider().range(1, 1000).description("input scale s");
    AtomicReference<Double> seen = new AtomicReference<>();
    AtomicReference<Thread> thread = new AtomicReference<>();
    s.onValueChange(
        v -> {
          seen.set(v);
          thread.set(Thread.currentThread());
        });
    manager.open(s);
    frontend.deliver(
        s.modelId(),
        json("{\"method\":\"update\",\"state\":{\"value\":64.0},\"buffer_paths\":[]}"),
        List.of());
    assertEquals(64.0, s.value());
    RecordingTransport.Sent echo = frontend.last(s.modelId());
    assertEquals("echo_update", echo.method());
    assertEquals(json("{\"value\":64.0}"), echo.data().getAsJsonObject("state"));
    idle();
    assertEquals(64.0, seen.get());
    assertNotEquals(Thread.currentThread(), thread.get());
    assertEquals("widget-callbacks", thread.get().getName());
  }

  @Test
  void requestStateIsAnsweredWithTheFullState() {
    Dropdown d = new Dropdown().options(List.of("sgd", "momentum", "adam")).value("adam");
    manager.open(d);
    frontend.deliver(d.modelId(), json("{\"method\":\"request_state\"}"), List.of());
    RecordingTransport.Sent reply = frontend.last(d.modelId());
    assertEquals("update", reply.method());
    JsonObject state = reply.data().getAsJsonObject("state");
    assertEquals(d.state().size(), state.size());
    assertEquals(2, state.get("index").getAsInt());
    assertEquals("DropdownModel", state.get("_model_name").getAsString());
  }

  @Test
  void stateRoundTripsThroughTheFrontend() {
    ToggleButtons t = new ToggleButtons().options(List.of("none", "first kernel lr/s²"));
    manager.open(t);
    RecordingTransport.Sent open = frontend.last(t.modelId());
    // The frontend builds its model from comm_open, changes index, and sends its whole state back.
    JsonObject state = open.data().getAsJsonObject("state").deepCopy();
    state.addProperty("index", 1);
    JsonObject update = new JsonObject();
    update.addProperty("method", "update");
    update.add("state", state);
    frontend.deliver(t.modelId(), update, List.of());
    assertEquals("first kernel lr/s²", t.value());
    frontend.deliver(t.modelId(), json("{\"method\":\"request_state\"}"), List.of());
    assertEquals(state, frontend.last(t.modelId()).data().getAsJsonObject("state"));
  }

  @Test
  void clickReachesJavaOnTheCallbackThread() throws Exception {
    Button train = new Button().description("Train");
    CountDownLatch clicked = new CountDownLatch(1);
    AtomicReference<String> thread = new AtomicReference<>();
    train.onClick(
        () -> {
          thread.set(Thread.currentThread().getName());
          clicked.countDown();
        });
    manager.open(train);
    frontend.deliver(
        train.modelId(),
        json("{\"method\":\"custom\",\"content\":{\"event\":\"click\"}}"),
        List.of());
    assertTrue(clicked.await(5, TimeUnit.SECONDS));
    assertEquals("widget-callbacks", thread.get());
  }

  @Test
  void imageBytesTravelAsBuffers() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    Image image = new Image().value(png);
    manager.open(image);
    RecordingTransport.Sent open = frontend.last(image.modelId());
    assertEquals(json("{\"x\":[[\"value\"]]}").get("x"), open.data().get("buffer_paths"));
    assertFalse(open.data().getAsJsonObject("state").has("value"));
    assertArrayEquals(png, open.buffers().get(0));
    byte[] next = {(byte) 0x89, 'P', 'N', 'G', 9};
    image.value(next);
    RecordingTransport.Sent update = frontend.last(image.modelId());
    assertEquals("update", update.method());
    assertArrayEquals(next, update.buffers().get(0));
  }

  @Test
  void displayBundleHasTheViewAndAPlainTextFallback() {
    IntSlider s = new IntSlider().value(3).description("epochs");
    Map<String, Object> bundle = manager.displayBundle(s);
    assertTrue(s.isOpen());
    @SuppressWarnings("unchecked")
    Map<String, Object> view = (Map<String, Object>) bundle.get(Versions.VIEW_MIME);
    assertEquals(Map.of("model_id", s.modelId(), "version_major", 2, "version_minor", 1), view);
    assertEquals("IntSlider(value=3, description='epochs')", bundle.get("text/plain"));
  }

  @Test
  void boxOpensItsChildrenFirstAndNewChildrenBeforeTheUpdate() {
    Label a = new Label().value("a");
    VBox box = new VBox(a);
    manager.open(box);
    assertTrue(a.isOpen());
    Html b = new Html().value("<b>b</b>");
    box.children(List.of(a, b));
    assertTrue(b.isOpen());
    int openB = frontend.sent.indexOf(frontend.to(b.modelId()).get(0));
    int update = frontend.sent.indexOf(frontend.last(box.modelId()));
    assertTrue(openB < update);
    assertEquals(
        json("{\"c\":[\"IPY_MODEL_" + a.modelId() + "\",\"IPY_MODEL_" + b.modelId() + "\"]}")
            .get("c"),
        frontend.last(box.modelId()).data().getAsJsonObject("state").get("children"));
  }

  @Test
  void controlCommReturnsEveryOpenWidgetsState() {
    Image image = new Image().value(new byte[] {1, 2});
    manager.open(image);
    frontend.frontendOpens(Versions.CONTROL_TARGET, "control-1");
    frontend.deliver("control-1", json("{\"method\":\"request_states\"}"), List.of());
    RecordingTransport.Sent reply = frontend.last("control-1");
    assertEquals("update_states", reply.method());
    JsonObject states = reply.data().getAsJsonObject("states");
    assertEquals(2, states.size()); // the image and its layout
    assertEquals(
        "ImageModel", states.getAsJsonObject(image.modelId()).get("model_name").getAsString());
    assertEquals(
        json("{\"p\":[[\"" + image.modelId() + "\",\"state\",\"value\"]]}").get("p"),
        reply.data().get("buffer_paths"));
    assertArrayEquals(new byte[] {1, 2}, reply.buffers().get(0));
  }

  @Test
  void closeBothWays() {
    Checkbox c = new Checkbox();
    manager.open(c);
    c.close();
    assertEquals("comm_close", frontend.last(c.modelId()).type());
    assertFalse(c.isOpen());
    Checkbox d = new Checkbox();
    manager.open(d);
    frontend.frontendCloses(d.modelId());
    assertFalse(d.isOpen());
    assertFalse(manager.openWidgets().containsKey(d.modelId()));
  }

  @Test
  void interruptStopsTheRunningCallback() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Boolean> interrupted = new AtomicReference<>(false);
    manager
        .callbacks()
        .submit(
            () -> {
              started.countDown();
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                interrupted.set(true);
              }
            });
    assertTrue(started.await(5, TimeUnit.SECONDS));
    assertTrue(manager.interruptCallbacks());
    idle();
    assertTrue(interrupted.get());
    assertFalse(manager.interruptCallbacks(), "nothing runs any more");
  }
}
