package dev.scalinglab.playground;

import dev.scalinglab.train.LrMultipliers;
import dev.scalinglab.train.OptimizerKind;
import java.util.Arrays;
import java.util.List;

/** How the learning rate compensates an input scale s: the rules the notebooks compare. */
public enum Compensation {
  /** B: no compensation. */
  NONE("none"),
  /** C for SGD: the first layer's kernel at lr/s². */
  FIRST_KERNEL_S2("first kernel lr/s²"),
  /** D: every parameter at lr/s². */
  GLOBAL_S2("global lr/s²"),
  /** E: the first layer's kernel and bias at lr/s. */
  FIRST_LAYER_S("first layer lr/s"),
  /** The first layer's kernel only at lr/s: Adam's exact rule, half of SGD's. */
  FIRST_KERNEL_S("first kernel only lr/s"),
  /**
   * The exact rule for the optimizer: lr/s² on the first kernel for SGD and momentum, lr/s for
   * Adam.
   */
  EXACT("exact for the optimizer (Adam: lr/s)");

  private final String label;

  Compensation(String label) {
    this.label = label;
  }

  /** Returns the label shown in the drop-down. */
  public String label() {
    return label;
  }

  /** Returns every label, in order. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(Compensation::label).toList();
  }

  /** Returns the rule with {@code label}. */
  public static Compensation ofLabel(String label) {
    for (Compensation c : values()) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "Unknown compensation '" + label + "': use one of " + labels());
  }

  /** Returns the learning-rate factors of this rule at input scale {@code s}. */
  public LrMultipliers multipliers(double s, OptimizerKind optimizer) {
    return switch (this) {
      case NONE -> LrMultipliers.NONE;
      case FIRST_KERNEL_S2 -> LrMultipliers.firstKernel(1 / (s * s));
      case GLOBAL_S2 -> LrMultipliers.global(1 / (s * s));
      case FIRST_LAYER_S -> LrMultipliers.firstLayer(1 / s);
      case FIRST_KERNEL_S -> LrMultipliers.firstKernel(1 / s);
      case EXACT -> LrMultipliers.firstKernel(optimizer.exactKernelFactor(s));
    };
  }
}
