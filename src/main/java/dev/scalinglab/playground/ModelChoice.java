package dev.scalinglab.playground;

import dev.scalinglab.model.ActivationKind;
import dev.scalinglab.model.ModelSpec;
import dev.scalinglab.model.NormKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The network the playground's model controls describe: the first hidden layer's width, the number
 * of hidden layers (each a third as wide as the one before, at least 10 units), their activation
 * and the normalization after each. Width 300, depth 2, ReLU, none is the question's
 * 784-300-100-10.
 *
 * @param width units of the first hidden layer
 * @param depth hidden layers
 * @param activation the hidden layers' activation
 * @param norm the normalization after each hidden dense layer
 */
public record ModelChoice(int width, int depth, ActivationKind activation, NormKind norm) {

  /** The question's network. */
  public static final ModelChoice QUESTION =
      new ModelChoice(300, 2, ActivationKind.RELU, NormKind.NONE);

  /** Validates each field with a message naming it. */
  public ModelChoice {
    if (width < 10 || width > 1024) {
      throw new IllegalArgumentException("width must be in 10..1024 units, got " + width);
    }
    if (depth < 1 || depth > 4) {
      throw new IllegalArgumentException("depth must be 1..4 hidden layers, got " + depth);
    }
    if (activation == null || norm == null) {
      throw new IllegalArgumentException("activation and norm must be set");
    }
  }

  /** Returns the layer widths, 784 first and 10 last. */
  public List<Integer> layers() {
    List<Integer> layers = new ArrayList<>(List.of(ModelSpec.INPUTS));
    int units = width;
    for (int i = 0; i < depth; i++) {
      layers.add(units);
      units = Math.max(10, Math.round(units / 3f));
    }
    layers.add(ModelSpec.CLASSES);
    return layers;
  }

  /** Returns the model, built as the CLI's --layers/--activation/--norm build it. */
  public ModelSpec model() {
    return ModelSpec.mlp(layers(), activation, null, norm);
  }

  /** Returns e.g. {@code 784-300-100-10 relu}, with the norm when there is one. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    layers().forEach(n -> text.append(text.length() == 0 ? "" : "-").append(n));
    text.append(' ').append(activation);
    if (norm != NormKind.NONE) {
      text.append(" + ").append(norm).append(" norm");
    }
    return text.toString();
  }
}
