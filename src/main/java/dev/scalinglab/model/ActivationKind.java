package dev.scalinglab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The activations a hidden layer can use, each as a DJL block, with what "stuck" means for it. */
public enum ActivationKind {
  /** max(0, x); a unit is dead where x <= 0 (gradient 0). */
  RELU("relu"),
  /** max(0.01 x, x); stuck where x <= 0 (gradient 0.01, a hundredth of ReLU's). */
  LEAKY_RELU("leaky-relu"),
  /** tanh(x); saturated where |x| > 3 (gradient below 0.01). */
  TANH("tanh"),
  /** 1 / (1 + e^-x); saturated where |x| > 4.6 (gradient below 0.01). */
  SIGMOID("sigmoid"),
  /** x · Φ(x); stuck where x < -3 (gradient below 0.01). */
  GELU("gelu");

  /** Leaky ReLU's slope for x < 0 (PyTorch's default). */
  public static final float LEAKY_SLOPE = 0.01f;

  private final String cliName;

  ActivationKind(String cliName) {
    this.cliName = cliName;
  }

  /** Returns the name used on the command line, e.g. "leaky-relu". */
  public String cliName() {
    return cliName;
  }

  /** Returns a new DJL block applying this activation. */
  public Block block() {
    return switch (this) {
      case RELU -> Activation.reluBlock();
      case LEAKY_RELU -> Activation.leakyReluBlock(LEAKY_SLOPE);
      case TANH -> Activation.tanhBlock();
      case SIGMOID -> Activation.sigmoidBlock();
      case GELU -> Activation.geluBlock();
    };
  }

  /**
   * Returns, element by element, whether the activation's gradient at {@code input} is (nearly)
   * zero: dead for ReLU-like units, saturated for tanh and sigmoid.
   */
  public NDArray stuck(NDArray input) {
    return switch (this) {
      case RELU, LEAKY_RELU -> input.lte(0);
      case TANH -> input.abs().gt(3);
      case SIGMOID -> input.abs().gt(4.6);
      case GELU -> input.lt(-3);
    };
  }

  /**
   * Returns the activation named {@code name} (relu, leaky-relu, tanh, sigmoid, gelu; any case).
   */
  public static ActivationKind parse(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (ActivationKind kind : values()) {
      if (kind.cliName.equals(key)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "Unknown activation '" + name + "': use one of " + names(values()));
  }

  static String names(Enum<?>[] kinds) {
    return Arrays.stream(kinds).map(Object::toString).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
