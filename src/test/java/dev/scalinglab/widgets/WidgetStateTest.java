package dev.scalinglab.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each widget's full default state, and that of its layout and style, equals what ipywidgets 8.1.9
 * builds (fixture written by src/test/python/ipywidgets_defaults.py): same keys, same values.
 */
class WidgetStateTest {
  private static final JsonObject FIXTURE = load();

  static Stream<Arguments> widgets() {
    Map<String, Supplier<DomWidget>> all = new TreeMap<>();
    all.put("IntSlider", IntSlider::new);
    all.put("FloatSlider", FloatSlider::new);
    all.put("FloatLogSlider", FloatLogSlider::new);
    all.put("Dropdown", Dropdown::new);
    all.put("ToggleButtons", ToggleButtons::new);
    all.put("Checkbox", Checkbox::new);
    all.put("Button", Button::new);
    all.put("Label", Label::new);
    all.put("HTML", Html::new);
    all.put("Output", Output::new);
    all.put("Image", Image::new);
    all.put("HBox", HBox::new);
    all.put("VBox", VBox::new);
    assertEquals(all.keySet(), FIXTURE.getAsJsonObject("widgets").keySet());
    return all.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("widgets")
  void defaultStateMatchesIpywidgets(String name, Supplier<DomWidget> create) {
    JsonObject expected = FIXTURE.getAsJsonObject("widgets").getAsJsonObject(name);
    DomWidget widget = create.get();
    Map<String, String> refs = new TreeMap<>();
    refs.put("IPY_MODEL_" + widget.layout().modelId(), "<layout>");
    Widget style = widget.references().size() > 1 ? widget.references().get(1) : null;
    if (style != null) {
      refs.put("IPY_MODEL_" + style.modelId(), "<style>");
    }
    assertEquals(expected.get("state"), json(widget.state(), refs), name + " state");
    assertEquals(expected.get("layout"), json(widget.layout().state(), Map.of()), "layout");
    if (style != null) {
      assertEquals(expected.get("style"), json(style.state(), Map.of()), name + " style");
    }
  }

  /** The state as the fixture writes it: refs replaced by placeholders, bytes as base64. */
  private static JsonObject json(Map<String, Object> state, Map<String, String> refs) {
    JsonObject out = new JsonObject();
    state.forEach(
        (key, value) -> {
          if (value instanceof byte[] bytes) {
            JsonObject b = new JsonObject();
            b.addProperty("base64", Base64.getEncoder().encodeToString(bytes));
            out.add(key, b);
          } else {
            JsonElement e = (JsonElement) value;
            if (e.isJsonPrimitive() && refs.containsKey(e.getAsString())) {
              out.addProperty(key, refs.get(e.getAsString()));
            } else {
              out.add(key, e);
            }
          }
        });
    // Compare numbers by value (Java writes 100 for an int, Python 100.0 for a float key).
    return JsonParser.parseString(out.toString()).getAsJsonObject();
  }

  private static JsonObject load() {
    var in = WidgetStateTest.class.getResourceAsStream("ipywidgets-defaults.json");
    return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
        .getAsJsonObject();
  }
}
