package dev.scalinglab.widgets;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A widget's synced state as it travels (JSON values, or {@code byte[]} buffers), with the {@link
 * Trait}s that type and validate its keys: every stored value has passed its trait, and a change
 * re-validates the traits that depend on it. Guarded by its widget's lock.
 */
final class WidgetState {
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, Trait<?>> traits = new LinkedHashMap<>();

  /** One changed key: old and new wire values. */
  record Fired(String name, Object before, Object now) {}

  /**
   * What a frontend update did: the values to echo (as received, for the keys accepted), the
   * corrections to send back (clamped or refused values, and traits re-validated by the change),
   * why values were refused, and the changes for the listeners.
   */
  record FrontendUpdate(
      Map<String, Object> echo,
      Map<String, Object> corrections,
      List<String> refusals,
      List<Fired> changes) {}

  /** Adds an untyped key (no validation) with its wire value. */
  void declare(String key, Object wire) {
    values.put(key, wire);
  }

  /** Adds {@code trait} with its default. */
  void declare(Trait<?> trait) {
    traits.put(trait.name(), trait);
    values.put(trait.name(), json(trait, trait.defaultValue()));
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  /** Returns the wire value of {@code key} (null if unset). */
  Object get(String key) {
    return values.get(key);
  }

  Map<String, Object> copy() {
    return new LinkedHashMap<>(values);
  }

  /** Returns what {@code key}'s trait keeps of {@code wire}; throws IllegalArgumentException. */
  <T> Object checked(String key, Object wire) {
    @SuppressWarnings("unchecked")
    Trait<T> trait = (Trait<T>) traits.get(key);
    if (trait == null) {
      return wire;
    }
    if (!(wire instanceof JsonElement json)) {
      throw new IllegalArgumentException(key + " must be JSON, got a binary buffer");
    }
    return trait.toJson(trait.validate(trait.fromJson(json)));
  }

  /** Stores {@code wire} under {@code key} if it differs, then re-validates the dependents. */
  void store(String key, Object wire, List<Fired> fired) {
    Object before = values.get(key);
    if (same(before, wire)) {
      return;
    }
    values.put(key, wire);
    fired.add(new Fired(key, before, wire));
    for (Trait<?> dependent : traits.values()) {
      if (dependent.dependencies().contains(key)) {
        try {
          store(dependent.name(), checked(dependent.name(), values.get(dependent.name())), fired);
        } catch (IllegalArgumentException stillInvalid) {
          // Left for the caller to fix (e.g. options replaced, then the index set).
        }
      }
    }
  }

  /**
   * Applies a frontend update as ipywidgets' {@code set_state} does: each known key through its
   * trait's validator; unknown keys are ignored.
   */
  FrontendUpdate apply(Map<String, Object> received) {
    Map<String, Object> echo = new LinkedHashMap<>();
    Map<String, Object> corrections = new LinkedHashMap<>();
    List<String> refusals = new ArrayList<>();
    List<Fired> fired = new ArrayList<>();
    for (Map.Entry<String, Object> e : received.entrySet()) {
      String key = e.getKey();
      if (!values.containsKey(key)) {
        continue;
      }
      Object kept;
      try {
        kept = checked(key, e.getValue());
      } catch (IllegalArgumentException refused) {
        refusals.add(refused.getMessage());
        corrections.put(key, values.get(key));
        continue;
      }
      echo.put(key, e.getValue());
      if (!same(kept, e.getValue())) {
        corrections.put(key, kept);
      }
      int first = fired.size();
      store(key, kept, fired);
      // Traits re-validated by this change: the frontend has not seen their new values.
      for (Fired f : fired.subList(first, fired.size())) {
        if (!f.name().equals(key)) {
          corrections.put(f.name(), f.now());
        }
      }
    }
    return new FrontendUpdate(echo, corrections, refusals, fired);
  }

  /** Returns {@code wire} as {@code key}'s trait's Java value (the wire value if untyped). */
  Object javaValue(String key, Object wire) {
    Trait<?> trait = traits.get(key);
    if (trait == null || !(wire instanceof JsonElement json)) {
      return wire instanceof byte[] b ? b.clone() : wire;
    }
    return trait.fromJson(json);
  }

  private static <T> JsonElement json(Trait<T> trait, Object value) {
    @SuppressWarnings("unchecked")
    T typed = (T) value;
    return trait.toJson(typed);
  }

  /** True if two wire values are equal (numbers by value: 1 equals 1.0). */
  static boolean same(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof JsonPrimitive x
        && b instanceof JsonPrimitive y
        && x.isNumber()
        && y.isNumber()) {
      return x.getAsBigDecimal().compareTo(y.getAsBigDecimal()) == 0;
    }
    return Objects.equals(a, b);
  }
}
