package dev.scalinglab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * An initialized network ready to train: a DJL block (the question's 784-300-100-10 ReLU net, any
 * {@link ModelSpec}, or any block whose first parameterised layer is a {@link Linear}), with its
 * first layer found by walking the block ({@link FirstLayer}). {@link #forward} is the one
 * definition of the forward pass.
 *
 * <p>The first kernel's initializer, whatever it is, is divided by the weight scale s. Initializers
 * are set on the block itself, with no {@code TrainingConfig} that could override them.
 */
public final class Mlp implements AutoCloseable {

  /** The question's layer sizes. */
  public static final int[] DEFAULT_SIZES = {784, 300, 100, 10};

  private final Block block;
  private final List<Stage> stages;
  private final Linear first;
  private final int activationStage;
  private final ActivationKind activation;
  private final List<Parameter> parameters;
  private final NDManager manager;

  private Mlp(Block block, List<Stage> stages, ActivationKind activation, NDManager manager) {
    this.block = block;
    this.stages = stages;
    this.first = (Linear) stages.get(0).block;
    this.activation = activation;
    this.activationStage =
        IntStream.range(1, stages.size())
            .filter(i -> !(stages.get(i).block instanceof Linear) && !isNorm(stages.get(i).block))
            .findFirst()
            .orElse(-1);
    this.parameters =
        block.getParameters().values().stream()
            .filter(Parameter::requiresGradient)
            .collect(Collectors.toUnmodifiableList());
    this.manager = manager;
  }

  /**
   * Builds and initializes the question's 784-300-100-10 network.
   *
   * @param weightScale s: the first layer's weight is Glorot normal / s
   * @param seed seed of every layer's draw; the same seed gives the same weights up to s
   * @param parent manager under which the model's arrays live (closed with {@link #close()})
   */
  public static Mlp create(float weightScale, long seed, NDManager parent) {
    return create(ModelSpec.question(), weightScale, seed, parent);
  }

  /** Builds and initializes {@code spec}'s network with its first kernel divided by s. */
  public static Mlp create(ModelSpec spec, float weightScale, long seed, NDManager parent) {
    Mlp mlp = of(spec.newBlock(seed), weightScale, parent);
    return spec.firstActivation().isPresent()
        ? mlp.withActivation(spec.firstActivation().get())
        : mlp;
  }

  /**
   * Initializes {@code block} (not initialized yet) for 784 inputs, its first {@code Linear}'s
   * kernel divided by {@code weightScale}.
   *
   * @throws IllegalArgumentException if the block does not start with a {@code Linear}, or a {@code
   *     Linear}'s weight has no initializer
   */
  public static Mlp of(Block block, float weightScale, NDManager parent) {
    if (!(weightScale > 0) || Float.isInfinite(weightScale)) {
      throw new IllegalArgumentException(
          "Weight scale must be a finite number > 0, got " + weightScale);
    }
    Linear first = FirstLayer.of(block);
    List<Stage> stages = new ArrayList<>();
    flatten(block, null, stages);
    if (stages.get(0).block != first) {
      throw new IllegalArgumentException(
          "The model's first block is a "
              + stages.get(0).block.getClass().getSimpleName()
              + ", before its first Linear: the input scale s acts on the first Linear's input,"
              + " so put the Linear first");
    }
    for (Stage stage : stages) {
      if (stage.block instanceof Linear linear
          && FirstLayer.kernel(linear).getInitializer() == null) {
        throw new IllegalArgumentException(
            "A Linear's weight has no initializer: set a seeded one, e.g."
                + " linear.setInitializer(InitKind.GLOROT_UNIFORM.initializer(1, seed),"
                + " Parameter.Type.WEIGHT)");
      }
    }
    Parameter kernel = FirstLayer.kernel(first);
    kernel.setInitializer(new DividedInitializer(kernel.getInitializer(), weightScale));
    NDManager manager = parent.newSubManager();
    stages.clear();
    flatten(block, new ParameterStore(manager, false), stages);
    block.initialize(manager, DataType.FLOAT32, new Shape(1, ModelSpec.INPUTS));
    return new Mlp(block, List.copyOf(stages), null, manager);
  }

  private Mlp withActivation(ActivationKind kind) {
    return new Mlp(block, stages, kind, manager);
  }

  /** Returns the DJL block. */
  public Block block() {
    return block;
  }

  /** Returns the trainable parameters in the block's order (first kernel and bias first). */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** Returns the first {@code Linear}'s weight (the kernel, shape (units, inputs)). */
  public Parameter firstKernel() {
    return FirstLayer.kernel(first);
  }

  /** Returns the first {@code Linear}'s bias. */
  public Parameter firstBias() {
    return FirstLayer.bias(first);
  }

  /**
   * Returns the logits for a batch of flattened images in training mode (batch statistics for
   * BatchNorm): the one definition of the forward pass, used by training and analysis. Operations
   * are recorded for gradients when the calling thread records (see {@code train.GradientScope}).
   */
  public NDArray forward(NDArray x) {
    return forwardFromFirstPreActivations(firstPreActivations(x), true);
  }

  /** Returns the first layer's pre-activations x·Wᵀ + b. */
  public NDArray firstPreActivations(NDArray x) {
    return stages.get(0).apply(x, true);
  }

  /**
   * Returns the logits computed from already known first-layer pre-activations; {@code training}
   * false makes BatchNorm use its running statistics (evaluation).
   */
  public NDArray forwardFromFirstPreActivations(NDArray pre, boolean training) {
    NDArray h = pre;
    for (int i = 1; i < stages.size(); i++) {
      h = stages.get(i).apply(h, training);
    }
    return h;
  }

  /**
   * Returns the input of the first hidden activation (after any normalization), in evaluation mode,
   * or empty when the model has no known activation.
   */
  public Optional<NDArray> firstActivationInput(NDArray x) {
    if (activation == null || activationStage < 0) {
      return Optional.empty();
    }
    NDArray h = firstPreActivations(x);
    for (int i = 1; i < activationStage; i++) {
      h = stages.get(i).apply(h, false);
    }
    return Optional.of(h);
  }

  /** Returns the first hidden activation, when known (models built by {@link ModelSpec}). */
  public Optional<ActivationKind> firstActivation() {
    return Optional.ofNullable(activation);
  }

  /** Releases the model's arrays. */
  @Override
  public void close() {
    manager.close();
  }

  private static boolean isNorm(Block b) {
    return b instanceof BatchNorm || b instanceof LayerNorm;
  }

  private static void flatten(Block block, ParameterStore store, List<Stage> out) {
    if (block instanceof SequentialBlock) {
      for (Block child : block.getChildren().values()) {
        flatten(child, store, out);
      }
    } else {
      out.add(new Stage(block, store));
    }
  }

  /** A leaf block; a {@code Linear} runs through the engine's linear op directly. */
  private static final class Stage {
    private final Block block;
    private final ParameterStore store;

    Stage(Block block, ParameterStore store) {
      this.block = block;
      this.store = store;
    }

    NDArray apply(NDArray x, boolean training) {
      if (block instanceof Linear linear) {
        // The op DJL's Linear calls, without its per-call device query and parameter-store lookup
        // (a tenth of a batch-32 step's overhead).
        return x.getNDArrayInternal()
            .linear(x, FirstLayer.kernel(linear).getArray(), FirstLayer.bias(linear).getArray())
            .singletonOrThrow();
      }
      return block.forward(store, new NDList(x), training).singletonOrThrow();
    }
  }
}
