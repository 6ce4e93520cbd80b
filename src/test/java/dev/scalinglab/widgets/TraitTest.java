package dev.scalinglab.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonNull;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each trait's codec and validator, as traitlets' CInt, CFloat, Bool and Unicode behave. */
class TraitTest {

  private static Object decode(Trait<?> trait, String json) {
    return trait.fromJson(JsonParser.parseString(json));
  }

  private static String refusal(Trait<?> trait, String json) {
    return assertThrows(IllegalArgumentException.class, () -> decode(trait, json)).getMessage();
  }

  @Test
  void integerTruncatesDecimalsAndRefusesWhatIsNoNumber() {
    Trait<Integer> t = Trait.integer("value", 0);
    assertEquals(7, decode(t, "7.9"));
    assertEquals(-3, decode(t, "-3"));
    assertEquals("value must be an integer, got \"7\"", refusal(t, "\"7\""));
    assertEquals("value must be an integer, got true", refusal(t, "true"));
    assertNull(decode(Trait.integer("index", null), "null"));
    assertEquals(new JsonPrimitive(5), t.toJson(5));
    assertEquals(JsonNull.INSTANCE, Trait.integer("index", null).toJson(null));
  }

  @Test
  void decimalTakesFiniteNumbersOnly() {
    Trait<Double> t = Trait.decimal("value", 0.0);
    assertEquals(2.0, decode(t, "2"));
    assertEquals("value must be a number, got \"2\"", refusal(t, "\"2\""));
    assertEquals("value must be a number, got null", refusal(t, "null"));
  }

  @Test
  void boolAndTextDoNotCast() {
    assertEquals(
        "disabled must be true or false, got 1", refusal(Trait.bool("disabled", false), "1"));
    assertEquals(
        "description must be a string, got 3", refusal(Trait.text("description", ""), "3"));
    assertEquals(
        "description must be a string, got null", refusal(Trait.text("description", ""), "null"));
    assertNull(decode(Trait.text("tooltip", null), "null"), "a null default allows null");
  }

  @Test
  void validatorsRunInOrderAndDependenciesAreKept() {
    Trait<Integer> t =
        Trait.integer("value", 0)
            .validatedBy(v -> Math.min(v, 10))
            .validatedBy(v -> v * 2)
            .dependsOn("min", "max");
    assertEquals(20, t.validate(50));
    assertEquals(Set.of("min", "max"), t.dependencies());
    assertEquals(0, t.defaultValue());
  }

  @Test
  void aButtonStyleMustBeOneOfIpywidgetsStyles() {
    Button b = new Button().buttonStyle("Danger");
    assertEquals("danger", b.state().get("button_style").toString().replace("\"", ""));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.buttonStyle("loud"));
    assertEquals(
        "button_style must be one of [primary, success, info, warning, danger, ], got 'loud'",
        e.getMessage());
  }
}
