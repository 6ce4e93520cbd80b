package dev.scalinglab.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Values from the frontend pass the same validation as in ipywidgets 8 (widget_int.py,
 * widget_float.py, widget_selection.py): accepted values are echoed ({@code echo_update}), a
 * corrected value follows as an {@code update}, a refused one is answered with the kept value and a
 * message.
 */
class WidgetValidationTest {
  private final RecordingTransport frontend = new RecordingTransport();
  private final WidgetManager manager = new WidgetManager(frontend);
  private final List<String> refusals = new CopyOnWriteArrayList<>();

  WidgetValidationTest() {
    manager.onRefusedUpdate(refusals::add);
  }

  private static JsonObject json(String text) {
    return JsonParser.parseString(text).getAsJsonObject();
  }

  /** The frontend sets {@code state} and returns the messages the kernel answered with. */
  private List<RecordingTransport.Sent> frontendSets(Widget w, String state) throws Exception {
    int before = frontend.to(w.modelId()).size();
    frontend.deliver(
        w.modelId(),
        json("{\"method\":\"update\",\"state\":" + state + ",\"buffer_paths\":[]}"),
        List.of());
    assertTrue(manager.callbacks().awaitIdle(5, TimeUnit.SECONDS));
    List<RecordingTransport.Sent> all = frontend.to(w.modelId());
    return all.subList(before, all.size());
  }

  private static String summary(List<RecordingTransport.Sent> sent) {
    return String.join(
        " ", sent.stream().map(s -> s.method() + s.data().getAsJsonObject("state")).toList());
  }

  @Test
  void intSliderClampsAFrontendValueAndSendsTheCorrection() throws Exception {
    IntSlider s = new IntSlider().min(1).max(10).value(3);
    manager.open(s);
    assertEquals(
        "echo_update{\"value\":50} update{\"value\":10}",
        summary(frontendSets(s, "{\"value\":50}")));
    assertEquals(10, s.value());
    assertEquals(
        "echo_update{\"value\":-4} update{\"value\":1}",
        summary(frontendSets(s, "{\"value\":-4}")));
    assertEquals(1, s.value());
    assertEquals("echo_update{\"value\":7}", summary(frontendSets(s, "{\"value\":7}")));
    assertEquals(7, s.value());
    assertEquals(List.of(), refusals);
  }

  @Test
  void intSliderTruncatesDecimalsAsCIntAndRefusesText() throws Exception {
    IntSlider s = new IntSlider().value(3);
    manager.open(s);
    assertEquals(
        "echo_update{\"value\":7.6} update{\"value\":7}",
        summary(frontendSets(s, "{\"value\":7.6}")));
    assertEquals(7, s.value());
    assertEquals("update{\"value\":7}", summary(frontendSets(s, "{\"value\":\"many\"}")));
    assertEquals(7, s.value());
    assertEquals(List.of("IntSliderModel: value must be an integer, got \"many\""), refusals);
  }

  @Test
  void floatSliderClampsToItsBounds() throws Exception {
    FloatSlider s = new FloatSlider().min(0.5).max(2.0).value(1.0);
    manager.open(s);
    assertEquals(
        "echo_update{\"value\":9.0} update{\"value\":2.0}",
        summary(frontendSets(s, "{\"value\":9.0}")));
    assertEquals(2.0, s.value());
  }

  @Test
  void logSliderKeepsBaseToTheMinAtMostTheValueAtMostBaseToTheMax() throws Exception {
    FloatLogSlider s = new FloatLogSlider().range(1, 1000).value(64);
    manager.open(s);
    // The case: 0.0 on a slider of range 1..1000 (exponents 0..3) becomes 10^0 = 1.
    assertEquals(
        "echo_update{\"value\":0.0} update{\"value\":1.0}",
        summary(frontendSets(s, "{\"value\":0.0}")));
    assertEquals(1.0, s.value());
    frontendSets(s, "{\"value\":5000.0}");
    assertEquals(1000.0, s.value(), "10^3 exactly: range(1, 1000) gives exponents 0 and 3");
    frontendSets(s, "{\"value\":255.0}");
    assertEquals(255.0, s.value());
  }

  @Test
  void movingABoundClampsTheValueAndACrossingBoundIsRefused() throws Exception {
    IntSlider s = new IntSlider().min(1).max(10).value(8);
    manager.open(s);
    // A new max from the frontend below the value: the value follows, and the frontend hears it.
    assertEquals(
        "echo_update{\"max\":5} update{\"value\":5}", summary(frontendSets(s, "{\"max\":5}")));
    assertEquals(5, s.value());
    assertEquals("update{\"min\":1}", summary(frontendSets(s, "{\"min\":6}")));
    assertEquals(List.of("IntSliderModel: min 6 is above max 5"), refusals);
    s.max(3);
    assertEquals(3, s.value(), "the kernel's own bound change clamps the value too");
  }

  @Test
  void kernelSideValuesAreValidatedToo() {
    FloatLogSlider log = new FloatLogSlider().range(1e-4, 1);
    log.value(5.0);
    assertEquals(1.0, log.value());
    IntSlider s = new IntSlider();
    s.value(500);
    assertEquals(100, s.value());
    // The builder chain works in any order, as ipywidgets' constructor takes min and max.
    IntSlider wide = new IntSlider().min(1000).max(55000).value(2000);
    assertEquals(2000, wide.value());
    Dropdown d = new Dropdown().options(List.of("a", "b"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.value("c"));
    assertEquals("c is not one of [a, b]", e.getMessage());
  }

  @Test
  void aSelectionIndexOutsideTheOptionsIsRefusedAndLabelAndIndexAgree() throws Exception {
    Dropdown d = new Dropdown().options(List.of("sgd", "momentum", "adam")).value("momentum");
    manager.open(d);
    assertEquals("update{\"index\":1}", summary(frontendSets(d, "{\"index\":7}")));
    assertEquals(1, d.index());
    assertEquals("momentum", d.value());
    assertEquals(List.of("DropdownModel: index 7 is not one of the 3 options"), refusals);
    assertEquals("echo_update{\"index\":2}", summary(frontendSets(d, "{\"index\":2}")));
    assertEquals("adam", d.value());
    frontendSets(d, "{\"index\":null}");
    assertEquals(-1, d.index(), "null (no selection) is allowed, as in ipywidgets");
    assertEquals(null, d.value());
  }

  @Test
  void aToggleButtonsIndexMustBeAnInteger() throws Exception {
    ToggleButtons t = new ToggleButtons().options(List.of("sgd", "adam"));
    manager.open(t);
    frontendSets(t, "{\"index\":\"adam\"}");
    assertEquals("sgd", t.value());
    assertEquals(List.of("ToggleButtonsModel: index must be an integer, got \"adam\""), refusals);
  }

  @Test
  void aCheckboxTakesOnlyBooleans() throws Exception {
    Checkbox c = new Checkbox();
    manager.open(c);
    assertEquals("update{\"value\":false}", summary(frontendSets(c, "{\"value\":1}")));
    assertEquals(false, c.value());
    assertEquals("echo_update{\"value\":true}", summary(frontendSets(c, "{\"value\":true}")));
    assertEquals(true, c.value());
  }

  @Test
  void unknownKeysAreIgnoredAsIpywidgetsDoes() throws Exception {
    IntSlider s = new IntSlider();
    manager.open(s);
    assertEquals("", summary(frontendSets(s, "{\"no_such_key\":1}")));
    assertEquals(List.of(), refusals);
  }
}
