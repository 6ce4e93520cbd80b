package dev.scalinglab.experiment;

import dev.scalinglab.train.LrMultipliers;
import dev.scalinglab.train.OptimizerKind;
import dev.scalinglab.train.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The question's scenarios A–E, and lookup by name. */
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
    return new Scenario("E", "B + first layer lr/s", RAW, LrMultipliers.firstLayer(1 / RAW));
  }

  /** Returns A–E, C using the exact rule for {@code optimizer}. */
  public static List<Scenario> all(OptimizerKind optimizer) {
    return List.of(a(), b(), c(optimizer), d(), e());
  }

  /** Returns A–E for plain SGD. */
  public static List<Scenario> all() {
    return all(OptimizerKind.SGD);
  }

  /** Returns the scenario named {@code name} (A–E, any case). */
  public static Scenario byName(String name, OptimizerKind optimizer) {
    String key = name.trim().toUpperCase(Locale.ROOT);
    for (Scenario s : all(optimizer)) {
      if (s.name().equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown scenario '" + name + "': use A, B, C, D or E");
  }

  /** Returns the scenarios as a table: name, description, s and the learning-rate factors. */
  public static tech.tablesaw.api.Table table(List<Scenario> scenarios) {
    var name = tech.tablesaw.api.StringColumn.create("scenario");
    var description = tech.tablesaw.api.StringColumn.create("description");
    var s = tech.tablesaw.api.DoubleColumn.create("s");
    var kernel = tech.tablesaw.api.DoubleColumn.create("lr factor W₁");
    var bias = tech.tablesaw.api.DoubleColumn.create("lr factor b₁");
    var others = tech.tablesaw.api.DoubleColumn.create("lr factor others");
    for (Scenario sc : scenarios) {
      name.append(sc.name());
      description.append(sc.description());
      s.append(sc.inputScale());
      kernel.append(sc.multipliers().firstKernel());
      bias.append(sc.multipliers().firstBias());
      others.append(sc.multipliers().others());
    }
    return tech.tablesaw.api.Table.create("scenarios", name, description, s, kernel, bias, others);
  }

  /** Parses a comma-separated list such as "A,C" (any case, spaces allowed). */
  public static List<Scenario> parse(String names, OptimizerKind optimizer) {
    List<Scenario> out = new ArrayList<>();
    for (String part : names.split(",")) {
      if (!part.isBlank()) {
        out.add(byName(part, optimizer));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("No scenario given: use a list such as A,B,C");
    }
    return out;
  }
}
