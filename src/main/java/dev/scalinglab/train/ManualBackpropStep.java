package dev.scalinglab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.tracker.ParameterTracker;
import dev.scalinglab.model.FirstLayer;
import dev.scalinglab.model.Mlp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain SGD on PyTorch for a plain stack of {@code Linear} layers with ReLU between them (the
 * question's net), with the layers' backward pass written out instead of recorded: no autograd
 * graph through the weights, no gradient buffers to accumulate into and zero, and each layer
 * updated as soon as its gradients are known.
 *
 * <p>The loss head (log-softmax, pick, mean) still runs under autograd, on a three-node graph that
 * starts at the logits, for d(loss)/d(logits): log_softmax's backward kernel takes its exp from the
 * engine's vectorized exp, whose last bit differs from the {@code exp} op's (MKL's) in ~8% of
 * elements, and those bits would move the histories. Then per layer, from the top: dW = gᵀ·h, db =
 * Σ_rows g, d(h) = g·W with the old W, zeroed where the ReLU output is ≤ 0; W ← W − fl(lr·dW), b ←
 * b − fl(lr·db). These are the ops autograd runs for {@code addmm} and {@code relu}, with the same
 * operands in the same order, so weights and histories equal {@link InPlaceSgdStep}'s to the bit
 * ({@code ManualBackpropStepTest}). Each step's gradients are freed as soon as they are applied:
 * left to the step's manager, the 0.9 MB first-layer gradient was the top of glibc's heap when the
 * manager closed, was given back to the kernel, and came back as ~290 fresh pages every step.
 *
 * <p>{@link #of} returns empty for any other model (normalization layers, other activations, layers
 * without bias): those train with {@link InPlaceSgdStep}.
 */
final class ManualBackpropStep implements TrainingStep {

  /** System property: {@code autograd} turns this step off (to compare it with the old one). */
  static final String PROPERTY = "scalinglab.step";

  private final NDArray[] weights;
  private final NDArray[] biases;
  private final NDArray[] weightRates;
  private final NDArray[] biasRates;
  private final NDArray zero;
  private final NDArray backwardSeed;

  private ManualBackpropStep(List<Linear> layers, ParameterTracker tracker, NDManager manager) {
    int n = layers.size();
    this.weights = new NDArray[n];
    this.biases = new NDArray[n];
    this.weightRates = new NDArray[n];
    this.biasRates = new NDArray[n];
    for (int i = 0; i < n; i++) {
      Parameter w = FirstLayer.kernel(layers.get(i));
      Parameter b = FirstLayer.bias(layers.get(i));
      weights[i] = w.getArray();
      biases[i] = b.getArray();
      weightRates[i] = manager.create(tracker.getNewValue(w.getId(), 0));
      biasRates[i] = manager.create(tracker.getNewValue(b.getId(), 0));
    }
    this.zero = manager.zeros(new Shape());
    this.backwardSeed = manager.full(new Shape(), -1f);
  }

  /**
   * Returns the step for {@code model} if it is a plain Linear–ReLU–…–Linear stack with biases,
   * else empty.
   */
  static Optional<TrainingStep> of(Mlp model, ParameterTracker tracker, NDManager manager) {
    if ("autograd".equals(System.getProperty(PROPERTY))) {
      return Optional.empty();
    }
    List<Block> leaves = new ArrayList<>();
    flatten(model.block(), leaves);
    List<Linear> layers = new ArrayList<>();
    for (int i = 0; i < leaves.size(); i++) {
      Block b = leaves.get(i);
      boolean linearHere = i % 2 == 0;
      if (linearHere) {
        if (!(b instanceof Linear linear)
            || FirstLayer.bias(linear) == null
            || !FirstLayer.bias(linear).requiresGradient()
            || !FirstLayer.kernel(linear).requiresGradient()) {
          return Optional.empty();
        }
        layers.add(linear);
      } else if (!isRelu(b)) {
        return Optional.empty();
      }
    }
    if (leaves.size() % 2 == 0 || model.parameters().size() != 2 * layers.size()) {
      return Optional.empty();
    }
    return Optional.of(new ManualBackpropStep(layers, tracker, manager));
  }

  private static boolean isRelu(Block b) {
    // DJL's Activation.reluBlock(): a LambdaBlock named "ReLU" applying NDArray relu.
    return b instanceof LambdaBlock lambda
        && "ReLU".equals(lambda.getName())
        && b.getParameters().isEmpty();
  }

  private static void flatten(Block block, List<Block> out) {
    if (block instanceof SequentialBlock) {
      for (Block child : block.getChildren().values()) {
        flatten(child, out);
      }
    } else {
      out.add(block);
    }
  }

  @Override
  public void run(Batch batch, NDManager stepManager, EpochSums sums) {
    batch.attach(stepManager);
    if (JniUtils.isGradMode()) {
      JniUtils.setGradMode(false);
    }
    int n = weights.length;
    PtNDArray[] inputs = new PtNDArray[n];
    PtNDArray h = (PtNDArray) batch.x();
    for (int i = 0; i < n; i++) {
      inputs[i] = h;
      PtNDArray z = JniUtils.linear(h, (PtNDArray) weights[i], (PtNDArray) biases[i]);
      if (i < n - 1) {
        h = JniUtils.relu(z);
        z.close();
      } else {
        h = z;
      }
    }
    // The loss head under autograd, for d(loss)/d(logits): see the class comment.
    PtNDArray logits = h;
    JniUtils.attachGradient(logits, true);
    JniUtils.setGradMode(true);
    NDArray negatedLoss;
    try {
      PtNDArray logProbabilities = JniUtils.logSoftmax(logits, 1, DataType.FLOAT32);
      negatedLoss = JniUtils.pick(logProbabilities, (PtNDArray) batch.column(), 1).mean();
      JniUtils.backward((PtNDArray) negatedLoss, (PtNDArray) backwardSeed, false, false);
    } finally {
      JniUtils.setGradMode(false);
    }
    PtNDArray g = JniUtils.getGradient(logits);
    sums.addNegated(negatedLoss, logits.argMax(1).eq(batch.y()));
    for (int i = n - 1; i >= 0; i--) {
      PtNDArray in = inputs[i];
      PtNDArray gt = JniUtils.transpose(g, 0, 1);
      PtNDArray dw = JniUtils.matmul(gt, in);
      gt.close();
      PtNDArray db = JniUtils.sum(g, new long[] {0}, false);
      if (i > 0) {
        // d(input) with the weights before their update, then ReLU's mask (its output ≤ 0).
        PtNDArray dh = JniUtils.matmul(g, (PtNDArray) weights[i]);
        PtNDArray dead = JniUtils.lte(in, (PtNDArray) zero);
        g.close();
        g = JniUtils.where(dead, (PtNDArray) zero, dh);
        dead.close();
        dh.close();
      }
      JniUtils.muli(dw, (PtNDArray) weightRates[i]);
      JniUtils.subi((PtNDArray) weights[i], dw);
      dw.close();
      JniUtils.muli(db, (PtNDArray) biasRates[i]);
      JniUtils.subi((PtNDArray) biases[i], db);
      db.close();
    }
  }
}
