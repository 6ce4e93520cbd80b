package dev.scalinglab.experiment;

import dev.scalinglab.train.LrMultipliers;
import dev.scalinglab.train.OptimizerKind;
import dev.scalinglab.train.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/** The question's scenarios A–E (and E′), and lookup by name. */
public final class Scenarios {

  /** The input scale of raw pixels: the question's 255. */
  public static final float RAW = 255f;

  private Scenarios() {}

  /** A: features / 255, plain Glorot. Converges fast. */
  public static Scenario a() {
    return new Scenario("A", "x/255, Glorot", 1f, LrMultipliers.NONE);
  }

  /** B: raw features, first kernel Glorot / 255. Same logits at step 0, yet barely learns. */
  public static Scenario b() {
    return new Scenario("B", "raw x, Glorot/255", RAW, LrMultipliers.NONE);
  }

  /**
   * C: B with the exact compensation for {@code optimizer}: first-layer kernel lr/s² for SGD and
   * momentum, lr/s for Adam; the bias is untouched.
   */
  public static Scenario c(OptimizerKind optimizer) {
    double factor = optimizer.exactKernelFactor(RAW);
    String rule = optimizer == OptimizerKind.ADAM ? "lr/s" : "lr/s²";
    return new Scenario("C", "B + first kernel " + rule, RAW, LrMultipliers.firstKernel(factor));
  }

  /** C for plain SGD. */
  public static Scenario c() {
    return c(OptimizerKind.SGD);
  }

  /** D: B with a global lr/s²: every layer slowed, not just the first. */
  public static Scenario d() {
    return new Scenario("D", "B + global lr/s²", RAW, LrMultipliers.global(1 / (RAW * RAW)));
  }

  /** E: B with first-layer (kernel and bias) lr/s: half the compensation. */
  public static Scenario e() {
    return new Scenario(
        "E", "B + first layer (kernel and bias) lr/s", RAW, LrMultipliers.firstLayer(1 / RAW));
  }

  /**
   * E′ (named {@code E'}): B with lr/s on the first-layer kernel only, the bias untouched; the
   * other reading of "first-layer lr/s".
   */
  public static Scenario ePrime() {
    return new Scenario(
        "E'", "B + first kernel lr/s (bias untouched)", RAW, LrMultipliers.firstKernel(1 / RAW));
  }

  /** Returns A–E, C using the exact rule for {@code optimizer}. */
  public static List<Scenario> all(OptimizerKind optimizer) {
    return List.of(a(), b(), c(optimizer), d(), e());
  }

  /** Returns A–E and E′, C using the exact rule for {@code optimizer}. */
  public static List<Scenario> known(OptimizerKind optimizer) {
    return List.of(a(), b(), c(optimizer), d(), e(), ePrime());
  }

  /** Returns A–E for plain SGD. */
  public static List<Scenario> all() {
    return all(OptimizerKind.SGD);
  }

  /** Returns the scenario named {@code name} (A–E or E', any case; E′ also with a prime). */
  public static Scenario byName(String name, OptimizerKind optimizer) {
    String key = name.trim().toUpperCase(Locale.ROOT).replace('′', '\'');
    for (Scenario s : known(optimizer)) {
      if (s.name().equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown scenario '" + name + "': use A, B, C, D, E or E'");
  }

  /** Returns the scenarios as a table: name, description, s and the learning-rate factors. */
  public static Table table(List<Scenario> scenarios) {
    return Scenario.table(scenarios);
  }

  /** Parses a comma-separated list such as "A,C" (any case, spaces allowed). */
  public static List<Scenario> parse(String names, OptimizerKind optimizer) {
    List<Scenario> out = new ArrayList<>();
    for (String part : names.split(",")) {
      if (!part.isBlank()) {
        Scenario s = byName(part, optimizer);
        if (out.stream().anyMatch(o -> o.name().equals(s.name()))) {
          throw new IllegalArgumentException(
              "Scenario " + s.name() + " is listed twice in '" + names + "': name each once");
        }
        out.add(s);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("No scenario given: use a list such as A,B,C");
    }
    return out;
  }
}
