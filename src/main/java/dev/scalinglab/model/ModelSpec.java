package dev.scalinglab.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * A network to train, as a value: it builds a fresh DJL block for each training (every scenario
 * needs its own copy with the same initial weights). Built one line a layer, as Keras' {@code
 * Sequential([...])}:
 *
 * <pre>{@code
 * ModelSpec model = ModelSpec.builder()
 *     .addDense(256, InitKind.HE_NORMAL)
 *     .addNorm(NormKind.BATCH)
 *     .addActivation(ActivationKind.RELU)
 *     .addDense(10, InitKind.GLOROT_UNIFORM)
 *     .build();
 * }</pre>
 *
 * <p>or from DJL blocks directly with {@link #of}. Inputs are the 784 pixels; the last layer gives
 * the 10 logits (softmax lives in the loss). The trainer divides the first {@code Linear}'s kernel
 * by the input scale s, whatever its initializer.
 */
public final class ModelSpec {

  /** Inputs: 28 × 28 pixels. */
  public static final int INPUTS = 784;

  /** Outputs: the 10 classes' logits. */
  public static final int CLASSES = 10;

  private final String description;
  private final LongFunction<Block> factory;
  private final ActivationKind firstActivation;
  // The layers a builder was given, or null for a block of the caller's own (compared by identity).
  private final List<?> layers;

  private ModelSpec(
      String description, LongFunction<Block> factory, ActivationKind first, List<?> layers) {
    this.description = description;
    this.factory = factory;
    this.firstActivation = first;
    this.layers = layers;
  }

  /**
   * Two specs from the builder are equal when they have the same layers and name, so a cache keyed
   * by hyperparameters (the playground's baseline) finds the same model again.
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof ModelSpec other
        && layers != null
        && layers.equals(other.layers)
        && description.equals(other.description);
  }

  @Override
  public int hashCode() {
    return layers == null ? System.identityHashCode(this) : Objects.hash(layers, description);
  }

  /** Returns the question's 784-300-100-10 ReLU net: Glorot normal first, Glorot uniform after. */
  public static ModelSpec question() {
    return mlp(List.of(784, 300, 100, 10), ActivationKind.RELU, null, NormKind.NONE);
  }

  /**
   * Returns a multilayer perceptron: dense layers of {@code layers}' widths (784 first, 10 last),
   * each hidden one followed by {@code norm} and {@code activation}.
   *
   * @param init every layer's initializer, or null for the question's (Glorot normal on the first
   *     layer, Glorot uniform on the others)
   * @throws IllegalArgumentException naming the bad width, if any
   */
  public static ModelSpec mlp(
      List<Integer> layers, ActivationKind activation, InitKind init, NormKind norm) {
    if (layers == null || layers.isEmpty()) {
      throw new IllegalArgumentException(
          "--layers is empty: give the widths from 784 to 10, e.g. 784,300,100,10");
    }
    if (layers.get(0) != INPUTS) {
      throw new IllegalArgumentException(
          "--layers must start at 784 (the pixels), got " + layers.get(0) + " first");
    }
    if (layers.size() < 2 || layers.get(layers.size() - 1) != CLASSES) {
      throw new IllegalArgumentException(
          "--layers must end at 10 (the classes), got " + layers.get(layers.size() - 1) + " last");
    }
    Builder b = builder();
    for (int i = 1; i < layers.size(); i++) {
      InitKind layerInit =
          init != null ? init : i == 1 ? InitKind.GLOROT_NORMAL : InitKind.GLOROT_UNIFORM;
      b.addDense(layers.get(i), layerInit);
      if (i < layers.size() - 1) {
        b.addNorm(norm).addActivation(activation);
      }
    }
    String name =
        layers.stream().map(String::valueOf).collect(Collectors.joining("-"))
            + " "
            + activation
            + (init == null ? "" : " " + init)
            + (norm == NormKind.NONE ? "" : " " + norm + "-norm");
    return b.optDescription(name).build();
  }

  /**
   * Returns a model made of DJL blocks: {@code factory} builds a fresh, uninitialized block from a
   * seed each time. Give every {@code Linear}'s weight a seeded initializer (e.g. {@code
   * InitKind.HE_NORMAL.initializer(1, seed)}): DJL's own draw from one engine-wide generator, so
   * trainings side by side would not start from the same weights.
   */
  public static ModelSpec of(String description, LongFunction<Block> factory) {
    return new ModelSpec(description, factory, null, null);
  }

  /** Returns a builder: one {@code add} a layer. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a new, uninitialized block whose initializers draw from {@code seed}. */
  public Block newBlock(long seed) {
    return factory.apply(seed);
  }

  /** Returns the first hidden activation, when the model was built by {@link Builder}. */
  public Optional<ActivationKind> firstActivation() {
    return Optional.ofNullable(firstActivation);
  }

  /** Returns what the model is, e.g. "784-300-100-10 relu". */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }

  /** Builds a {@link ModelSpec} layer by layer; {@link #build} checks the shape. */
  public static final class Builder {
    private final List<Layer> layers = new ArrayList<>();
    private String description;

    private Builder() {}

    /** Adds a dense layer ({@code Linear}) of {@code units} outputs drawn from {@code init}. */
    public Builder addDense(int units, InitKind init) {
      if (units < 1) {
        throw new IllegalArgumentException("A dense layer needs at least 1 unit, got " + units);
      }
      if (init == null) {
        throw new IllegalArgumentException("A dense layer needs an initializer");
      }
      layers.add(new Layer(units, init, null, null));
      return this;
    }

    /** Adds an activation. */
    public Builder addActivation(ActivationKind activation) {
      if (activation == null) {
        throw new IllegalArgumentException("An activation layer needs an activation");
      }
      layers.add(new Layer(0, null, activation, null));
      return this;
    }

    /** Adds a normalization ({@link NormKind#NONE} adds nothing). */
    public Builder addNorm(NormKind norm) {
      if (norm == null) {
        throw new IllegalArgumentException(
            "A normalization layer needs a kind (none, batch, layer)");
      }
      if (norm != NormKind.NONE) {
        layers.add(new Layer(0, null, null, norm));
      }
      return this;
    }

    /** Sets what tables and plots call the model (default: the layers, e.g. "784-256-10"). */
    public Builder optDescription(String description) {
      this.description = description;
      return this;
    }

    /**
     * Returns the model.
     *
     * @throws IllegalArgumentException if it has no layer, does not start with a dense layer (s
     *     acts on the first kernel) or does not end with a dense layer of 10 units
     */
    public ModelSpec build() {
      if (layers.isEmpty()) {
        throw new IllegalArgumentException(
            "The model has no layers: add a dense layer of 10 units");
      }
      if (layers.get(0).init == null) {
        throw new IllegalArgumentException(
            "The model starts with "
                + layers.get(0).describe()
                + ", not a dense layer: the input scale s and its compensation act on the first"
                + " dense layer's kernel, so put a dense layer first");
      }
      Layer last = layers.get(layers.size() - 1);
      if (last.init == null || last.units != CLASSES) {
        throw new IllegalArgumentException(
            "The model must end with a dense layer of 10 units (the logits), got "
                + last.describe());
      }
      List<Layer> frozen = List.copyOf(layers);
      ActivationKind first =
          frozen.stream().map(l -> l.activation).filter(a -> a != null).findFirst().orElse(null);
      String name = description;
      if (name == null) {
        name =
            INPUTS
                + "-"
                + frozen.stream()
                    .filter(l -> l.init != null)
                    .map(l -> String.valueOf(l.units))
                    .collect(Collectors.joining("-"));
      }
      return new ModelSpec(name, seed -> block(frozen, seed), first, frozen);
    }

    private static Block block(List<Layer> layers, long seed) {
      SequentialBlock block = new SequentialBlock();
      int dense = 0;
      for (Layer layer : layers) {
        if (layer.init != null) {
          dense++;
          Linear linear = Linear.builder().setUnits(layer.units).build();
          // A distinct stream per layer (1,000,003 is prime, so layers never share a seed).
          long layerSeed = seed * 1_000_003L + dense;
          linear.setInitializer(layer.init.initializer(1f, layerSeed), Parameter.Type.WEIGHT);
          block.add(linear);
        } else if (layer.activation != null) {
          block.add(layer.activation.block());
        } else {
          block.add(layer.norm.block().orElseThrow());
        }
      }
      return block;
    }
  }

  /** One layer: dense (units, init), an activation, or a normalization. */
  private record Layer(int units, InitKind init, ActivationKind activation, NormKind norm) {
    String describe() {
      if (init != null) {
        return "a dense layer of " + units + " units";
      }
      return activation != null ? "a " + activation + " activation" : "a " + norm + " norm";
    }
  }
}
