package dev.scalinglab.widgets;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.util.Set;
import java.util.function.Function;

/**
 * One synced attribute of a widget, as a traitlets trait tagged {@code sync=True}: its name, its
 * default, its codec (Java value to and from the wire's JSON) and the validator that every new
 * value passes, whether the kernel or the frontend sets it. A validator returns the value, a
 * corrected one (a slider clamps), or refuses it with an {@link IllegalArgumentException} whose
 * message says why; {@link #dependsOn} names the traits whose change re-validates this one (a
 * slider's value when min or max moves).
 *
 * @param <T> the Java type of the value
 */
public final class Trait<T> {

  /** Checks a proposed value: returns it or a corrected one, or throws to refuse it. */
  @FunctionalInterface
  public interface Validator<T> {
    /** Returns the value to keep for {@code proposed}; throws IllegalArgumentException if none. */
    T validate(T proposed);
  }

  private final String name;
  private final T defaultValue;
  private final Function<T, JsonElement> encode;
  private final Function<JsonElement, T> decode;
  private final Validator<T> validator;
  private final Set<String> dependsOn;

  private Trait(
      String name,
      T defaultValue,
      Function<T, JsonElement> encode,
      Function<JsonElement, T> decode,
      Validator<T> validator,
      Set<String> dependsOn) {
    this.name = name;
    this.defaultValue = defaultValue;
    this.encode = encode;
    this.decode = decode;
    this.validator = validator;
    this.dependsOn = dependsOn;
  }

  /** Returns an integer trait ({@code CInt}: a JSON number, decimals truncated as int() does). */
  public static Trait<Integer> integer(String name, Integer defaultValue) {
    return new Trait<>(
        name,
        defaultValue,
        v -> v == null ? JsonNull.INSTANCE : new JsonPrimitive(v),
        json -> json.isJsonNull() ? null : number(name, json, "an integer").intValue(),
        v -> v,
        Set.of());
  }

  /** Returns a decimal trait ({@code CFloat}: any finite JSON number). */
  public static Trait<Double> decimal(String name, double defaultValue) {
    return new Trait<>(
        name,
        defaultValue,
        JsonPrimitive::new,
        json -> {
          double d = number(name, json, "a number").doubleValue();
          if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + json);
          }
          return d;
        },
        v -> v,
        Set.of());
  }

  /** Returns a boolean trait ({@code Bool}: JSON true or false only). */
  public static Trait<Boolean> bool(String name, boolean defaultValue) {
    return new Trait<>(
        name,
        defaultValue,
        JsonPrimitive::new,
        json -> {
          if (!json.isJsonPrimitive() || !json.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException(name + " must be true or false, got " + json);
          }
          return json.getAsBoolean();
        },
        v -> v,
        Set.of());
  }

  /** Returns a text trait ({@code Unicode}: a JSON string; null only if the default is null). */
  public static Trait<String> text(String name, String defaultValue) {
    boolean nullable = defaultValue == null;
    return new Trait<>(
        name,
        defaultValue,
        v -> v == null ? JsonNull.INSTANCE : new JsonPrimitive(v),
        json -> {
          if (nullable && json.isJsonNull()) {
            return null;
          }
          if (!json.isJsonPrimitive() || !json.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(name + " must be a string, got " + json);
          }
          return json.getAsString();
        },
        v -> v,
        Set.of());
  }

  /** Returns a trait holding any JSON value, unchecked (the keys ipywidgets leaves to the view). */
  public static Trait<JsonElement> json(String name, JsonElement defaultValue) {
    return new Trait<>(
        name, defaultValue, JsonElement::deepCopy, JsonElement::deepCopy, v -> v, Set.of());
  }

  /** Returns this trait with {@code check} applied after the current validator. */
  public Trait<T> validatedBy(Validator<T> check) {
    Validator<T> first = validator;
    return new Trait<>(
        name, defaultValue, encode, decode, v -> check.validate(first.validate(v)), dependsOn);
  }

  /** Returns this trait re-validated whenever one of {@code traits} changes. */
  public Trait<T> dependsOn(String... traits) {
    return new Trait<>(name, defaultValue, encode, decode, validator, Set.of(traits));
  }

  /** Returns the state key. */
  public String name() {
    return name;
  }

  /** Returns the default value. */
  public T defaultValue() {
    return defaultValue;
  }

  /** Returns the names of the traits whose change re-validates this one. */
  public Set<String> dependencies() {
    return dependsOn;
  }

  /** Returns {@code value} as it travels. */
  public JsonElement toJson(T value) {
    return encode.apply(value);
  }

  /** Returns the Java value of {@code json}; throws IllegalArgumentException if it has none. */
  public T fromJson(JsonElement json) {
    return decode.apply(json);
  }

  /** Returns the value to keep for {@code proposed}; throws IllegalArgumentException to refuse. */
  public T validate(T proposed) {
    return validator.validate(proposed);
  }

  private static Number number(String name, JsonElement json, String what) {
    if (!json.isJsonPrimitive() || !json.getAsJsonPrimitive().isNumber()) {
      throw new IllegalArgumentException(name + " must be " + what + ", got " + json);
    }
    return json.getAsBigDecimal();
  }
}
