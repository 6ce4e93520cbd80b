package dev.scalinglab.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Synced state as ipywidgets handles it: {@code hold_sync()} batches updates into one message,
 * observers get old and new values, and an Output captures by msg_id ({@code with out:}).
 */
class WidgetSyncTest {
  private final RecordingTransport frontend = new RecordingTransport();
  private final WidgetManager manager = new WidgetManager(frontend);

  private static JsonObject json(String text) {
    return JsonParser.parseString(text).getAsJsonObject();
  }

  @Test
  void holdSyncSendsOneUpdateWithEveryChangedKey() {
    IntSlider s = new IntSlider();
    manager.open(s);
    int before = frontend.to(s.modelId()).size();
    try (Widget.SyncHold hold = s.holdSync()) {
      s.max(50).min(10).value(20).description("epochs");
      try (Widget.SyncHold inner = s.holdSync()) {
        s.value(30);
      }
      assertEquals(before, frontend.to(s.modelId()).size(), "nothing sent while held");
      assertEquals(30, s.value(), "the state itself changes at once");
    }
    List<RecordingTransport.Sent> sent = frontend.to(s.modelId());
    assertEquals(before + 1, sent.size());
    assertEquals(
        json("{\"max\":50,\"min\":10,\"value\":30,\"description\":\"epochs\"}"),
        sent.get(sent.size() - 1).data().getAsJsonObject("state"));
  }

  @Test
  void aBoundAndTheValueItClampsTravelInOneMessage() {
    IntSlider s = new IntSlider().value(80);
    manager.open(s);
    s.max(40);
    assertEquals(
        json("{\"max\":40,\"value\":40}"),
        frontend.last(s.modelId()).data().getAsJsonObject("state"));
  }

  @Test
  void observersGetTheOldAndNewValueFromKernelAndFrontend() throws Exception {
    FloatLogSlider s = new FloatLogSlider().range(1, 1000).value(2);
    List<Widget.Change> changes = new CopyOnWriteArrayList<>();
    s.observeChange("value", changes::add);
    manager.open(s);
    s.value(64);
    frontend.deliver(
        s.modelId(),
        json("{\"method\":\"update\",\"state\":{\"value\":0.0},\"buffer_paths\":[]}"),
        List.of());
    assertTrue(manager.callbacks().awaitIdle(5, TimeUnit.SECONDS));
    assertEquals(
        List.of(new Widget.Change(s, "value", 2.0, 64.0), new Widget.Change(s, "value", 64.0, 1.0)),
        changes);
  }

  @Test
  void aSelectionObserverSeesIndicesAsIntegers() {
    Dropdown d = new Dropdown().options(List.of("a", "b"));
    AtomicReference<Widget.Change> seen = new AtomicReference<>();
    d.observeChange("index", seen::set);
    d.value("b");
    assertEquals(new Widget.Change(d, "index", 0, 1), seen.get());
  }

  @Test
  void outputCapturesTheCurrentRequestByMsgIdUntilClosed() {
    manager.setParentMessageId(() -> "execute-42");
    Output out = new Output();
    manager.open(out);
    try (Output.Capture capture = out.capture()) {
      assertEquals("execute-42", out.msgId());
      try (Output.Capture nested = out.capture()) {
        assertEquals("execute-42", out.msgId());
      }
      assertEquals("execute-42", out.msgId(), "the outer capture still holds");
    }
    assertEquals("", out.msgId());
    List<String> msgIds =
        frontend.to(out.modelId()).stream()
            .filter(m -> "update".equals(m.method()))
            .map(m -> m.data().getAsJsonObject("state").get("msg_id").getAsString())
            .toList();
    assertEquals(List.of("execute-42", ""), msgIds);
  }

  @Test
  void outputCaptureWithoutAKnownRequestChangesNothing() {
    Output out = new Output();
    manager.open(out);
    try (Output.Capture capture = out.capture()) {
      assertEquals("", out.msgId());
    }
    assertEquals(1, frontend.to(out.modelId()).size(), "only the comm_open");
  }
}
