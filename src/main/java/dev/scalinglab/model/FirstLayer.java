package dev.scalinglab.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;

/**
 * Finds the block's first layer that has parameters, walking its children depth first: the layer
 * whose kernel the input scale s divides and whose kernel and bias the compensation rules slow
 * down. It must be a {@link Linear}; anything else first (a normalization, say) would see the
 * scaled input before the kernel does, so the rules would not apply.
 */
public final class FirstLayer {

  private FirstLayer() {}

  /**
   * Returns the first parameterised layer of {@code block}.
   *
   * @throws IllegalArgumentException naming the layer found, if it is not a {@code Linear}
   */
  public static Linear of(Block block) {
    Block found = firstWithParameters(block);
    if (found == null) {
      throw new IllegalArgumentException(
          "The model has no layer with parameters: start it with a Linear (a dense layer)");
    }
    if (!(found instanceof Linear linear)) {
      throw new IllegalArgumentException(
          "The model's first layer with parameters is a "
              + found.getClass().getSimpleName()
              + ", not a Linear: the input scale s and its compensation act on the first Linear's"
              + " kernel, so put a Linear first");
    }
    return linear;
  }

  /** Returns the kernel (weight) of {@code layer}. */
  public static Parameter kernel(Linear layer) {
    return layer.getDirectParameters().get("weight");
  }

  /** Returns the bias of {@code layer}. */
  public static Parameter bias(Linear layer) {
    return layer.getDirectParameters().get("bias");
  }

  private static Block firstWithParameters(Block block) {
    if (!block.getDirectParameters().isEmpty()) {
      return block;
    }
    for (Block child : block.getChildren().values()) {
      Block found = firstWithParameters(child);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
