package dev.scalinglab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The question's multilayer perceptron: dense layers with ReLU between them and logits out (softmax
 * lives in the loss). DJL's {@link SequentialBlock} of {@link Linear} layers builds and initializes
 * the parameters; {@link #forward} is the one definition of the forward pass.
 *
 * <p>The first layer's weight uses {@link ScaledGlorotInitializer#normal} divided by the weight
 * scale; the other weights use Keras' default Glorot uniform and biases start at zero. The
 * initializers are set on the block itself, with no {@code TrainingConfig} that could override
 * them.
 */
public final class Mlp implements AutoCloseable {

  /** The question's layer sizes. */
  public static final int[] DEFAULT_SIZES = {784, 300, 100, 10};

  private final List<Linear> layers;
  private final NDManager manager;

  private Mlp(List<Linear> layers, NDManager manager) {
    this.layers = layers;
    this.manager = manager;
  }

  /**
   * Builds and initializes the default 784-300-100-10 network.
   *
   * @param weightScale s: the first layer's weight is Glorot normal / s
   * @param seed seed of every layer's draw; the same seed gives the same weights up to s
   * @param parent manager under which the model's arrays live (closed with {@link #close()})
   */
  public static Mlp create(float weightScale, long seed, NDManager parent) {
    return create(DEFAULT_SIZES, weightScale, seed, parent);
  }

  /** Builds and initializes a network with the given layer sizes (input first, classes last). */
  public static Mlp create(int[] sizes, float weightScale, long seed, NDManager parent) {
    if (sizes.length < 2 || Arrays.stream(sizes).anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException(
          "Layer sizes need an input and an output, each >= 1, got " + Arrays.toString(sizes));
    }
    SequentialBlock block = new SequentialBlock();
    List<Linear> layers = new ArrayList<>();
    for (int i = 1; i < sizes.length; i++) {
      Linear linear = Linear.builder().setUnits(sizes[i]).build();
      // A distinct stream per layer (1,000,003 is prime, so layers never share a seed).
      long layerSeed = seed * 1_000_003L + i;
      linear.setInitializer(
          i == 1
              ? ScaledGlorotInitializer.normal(weightScale, layerSeed)
              : ScaledGlorotInitializer.uniform(1f, layerSeed),
          Parameter.Type.WEIGHT);
      block.add(linear);
      layers.add(linear);
      if (i < sizes.length - 1) {
        block.add(Activation.reluBlock());
      }
    }
    NDManager manager = parent.newSubManager();
    block.initialize(manager, DataType.FLOAT32, new Shape(1, sizes[0]));
    return new Mlp(List.copyOf(layers), manager);
  }

  /** Returns the parameters in order: first kernel, first bias, then the other layers'. */
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>();
    for (Linear layer : layers) {
      all.add(weight(layer));
      all.add(bias(layer));
    }
    return all;
  }

  /** Returns the first layer's weight (the kernel, shape (units, inputs)). */
  public Parameter firstKernel() {
    return weight(layers.get(0));
  }

  /** Returns the first layer's bias. */
  public Parameter firstBias() {
    return bias(layers.get(0));
  }

  /**
   * Returns the logits for a batch of flattened images: the one definition of the forward pass,
   * used by training, evaluation and analysis alike. Operations are recorded for gradients when the
   * calling thread records (see {@code train.GradientScope}).
   */
  public NDArray forward(NDArray x) {
    return forwardFromFirstPreActivations(firstPreActivations(x));
  }

  /** Returns the first layer's pre-activations x·Wᵀ + b. */
  public NDArray firstPreActivations(NDArray x) {
    return dense(0, x);
  }

  /** Returns the logits computed from already known first-layer pre-activations. */
  public NDArray forwardFromFirstPreActivations(NDArray pre) {
    NDArray h = pre;
    for (int i = 1; i < layers.size(); i++) {
      h = dense(i, Activation.relu(h));
    }
    return h;
  }

  /**
   * Returns layer {@code i}'s x·Wᵀ + b through the engine's linear op on the parameter arrays: the
   * op DJL's {@code Linear} block calls, without its per-call device query and parameter-store
   * lookup (a tenth of a batch-32 step's overhead).
   */
  private NDArray dense(int i, NDArray x) {
    Linear layer = layers.get(i);
    return x.getNDArrayInternal()
        .linear(x, weight(layer).getArray(), bias(layer).getArray())
        .singletonOrThrow();
  }

  /** Releases the model's arrays. */
  @Override
  public void close() {
    manager.close();
  }

  private static Parameter weight(Linear layer) {
    return layer.getParameters().get("weight");
  }

  private static Parameter bias(Linear layer) {
    return layer.getParameters().get("bias");
  }
}
