package dev.scalinglab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The question's multilayer perceptron as a DJL {@link SequentialBlock}: dense layers with ReLU
 * between them and logits out (softmax lives in the loss).
 *
 * <p>The first layer's weight uses {@link ScaledGlorotInitializer#normal} divided by the weight
 * scale; the other weights use Keras' default Glorot uniform and biases start at zero. The
 * initializers are set on the block itself, with no {@code TrainingConfig} that could override
 * them.
 */
public final class Mlp implements AutoCloseable {

  /** The question's layer sizes. */
  public static final int[] DEFAULT_SIZES = {784, 300, 100, 10};

  private final int[] sizes;
  private final SequentialBlock block;
  private final List<Linear> layers;
  private final NDManager manager;
  private final ParameterStore store;

  private Mlp(int[] sizes, SequentialBlock block, List<Linear> layers, NDManager manager) {
    this.sizes = sizes;
    this.block = block;
    this.layers = layers;
    this.manager = manager;
    this.store = new ParameterStore(manager, false);
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
    return new Mlp(sizes.clone(), block, layers, manager);
  }

  /** Returns the DJL block. */
  public Block block() {
    return block;
  }

  /** Returns the layer sizes, input first. */
  public int[] sizes() {
    return sizes.clone();
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

  /** Returns the logits for a batch of flattened images. */
  public NDArray forward(NDArray x, boolean training) {
    return block.forward(store, new NDList(x), training).singletonOrThrow();
  }

  /** Returns the first layer's pre-activations x·Wᵀ + b. */
  public NDArray firstPreActivations(NDArray x) {
    return layers.get(0).forward(store, new NDList(x), false).singletonOrThrow();
  }

  /** Returns the logits computed from already known first-layer pre-activations. */
  public NDArray forwardFromFirstPreActivations(NDArray pre) {
    NDArray h = pre;
    for (int i = 1; i < layers.size(); i++) {
      h = layers.get(i).forward(store, new NDList(Activation.relu(h)), false).singletonOrThrow();
    }
    return h;
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
