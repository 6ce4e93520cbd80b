package dev.scalinglab.model;

import ai.djl.training.initializer.Initializer;
import java.util.Locale;

/**
 * The weight initializers a layer can use, Keras' names: Glorot normal and uniform, He normal and
 * uniform, LeCun normal. Each draws from a seeded Java generator and can be divided by s.
 */
public enum InitKind {
  /** N(0, sqrt(2 / (fan_in + fan_out))): the question's first layer. */
  GLOROT_NORMAL("glorot-normal"),
  /** U(-l, l), l = sqrt(6 / (fan_in + fan_out)): Keras' default, the question's other layers. */
  GLOROT_UNIFORM("glorot-uniform"),
  /** N(0, sqrt(2 / fan_in)): for ReLU nets. */
  HE_NORMAL("he-normal"),
  /** U(-l, l), l = sqrt(6 / fan_in). */
  HE_UNIFORM("he-uniform"),
  /** N(0, sqrt(1 / fan_in)): for SELU/tanh nets. */
  LECUN_NORMAL("lecun-normal");

  private final String cliName;

  InitKind(String cliName) {
    this.cliName = cliName;
  }

  /** Returns the name used on the command line, e.g. "he-normal". */
  public String cliName() {
    return cliName;
  }

  /** Returns this initializer divided by {@code weightScale}, drawing from {@code seed}. */
  public Initializer initializer(float weightScale, long seed) {
    return switch (this) {
      // The question's initializer, kept as it was so default histories stay bit-identical.
      case GLOROT_NORMAL -> ScaledGlorotInitializer.normal(weightScale, seed);
      case GLOROT_UNIFORM -> ScaledGlorotInitializer.uniform(weightScale, seed);
      case HE_NORMAL -> new ScaledFanInInitializer(true, 2, weightScale, seed);
      case HE_UNIFORM -> new ScaledFanInInitializer(false, 2, weightScale, seed);
      case LECUN_NORMAL -> new ScaledFanInInitializer(true, 1, weightScale, seed);
    };
  }

  /** Returns the initializer named {@code name} (e.g. he-normal; any case, '_' for '-'). */
  public static InitKind parse(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (InitKind kind : values()) {
      if (kind.cliName.equals(key)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "Unknown initializer '" + name + "': use one of " + ActivationKind.names(values()));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
