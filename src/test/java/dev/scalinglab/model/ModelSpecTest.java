package dev.scalinglab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Model specs, the block walker and their error sentences. */
class ModelSpecTest {

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = Engine.getInstance().newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void specsWithTheSameLayersAreEqualSoCachesFindThem() {
    assertEquals(ModelSpec.question(), ModelSpec.question());
    assertEquals(ModelSpec.question().hashCode(), ModelSpec.question().hashCode());
    assertNotEquals(
        ModelSpec.question(),
        ModelSpec.mlp(List.of(784, 300, 100, 10), ActivationKind.TANH, null, NormKind.NONE));
  }

  @Test
  void badSpecsAreRefusedWithASentence() {
    ActivationKind relu = ActivationKind.RELU;
    assertEquals(
        "--layers is empty: give the widths from 784 to 10, e.g. 784,300,100,10",
        message(() -> ModelSpec.mlp(List.of(), relu, null, NormKind.NONE)));
    assertEquals(
        "--layers must start at 784 (the pixels), got 300 first",
        message(() -> ModelSpec.mlp(List.of(300, 10), relu, null, NormKind.NONE)));
    assertEquals(
        "--layers must end at 10 (the classes), got 100 last",
        message(() -> ModelSpec.mlp(List.of(784, 100), relu, null, NormKind.NONE)));
    assertEquals(
        "A dense layer needs at least 1 unit, got 0",
        message(() -> ModelSpec.mlp(List.of(784, 0, 10), relu, null, NormKind.NONE)));
    assertEquals(
        "Unknown activation 'swish': use one of relu, leaky-relu, tanh, sigmoid, gelu",
        message(() -> ActivationKind.parse("swish")));
    assertEquals(
        "Unknown initializer 'xavier': use one of glorot-normal, glorot-uniform, he-normal,"
            + " he-uniform, lecun-normal",
        message(() -> InitKind.parse("xavier")));
    assertEquals(
        "The model starts with a batch norm, not a dense layer: the input scale s and its"
            + " compensation act on the first dense layer's kernel, so put a dense layer first",
        message(
            () ->
                ModelSpec.builder()
                    .addNorm(NormKind.BATCH)
                    .addDense(10, InitKind.HE_NORMAL)
                    .build()));
  }

  @Test
  void theWalkerFindsTheFirstLinearInEachShape() {
    // Flat, nested, and with a parameterless block (an activation) in between.
    Linear flat = linear(64);
    SequentialBlock a = new SequentialBlock().add(flat).add(Activation.reluBlock()).add(linear(10));
    assertSame(flat, FirstLayer.of(a));
    Linear nested = linear(32);
    SequentialBlock inner = new SequentialBlock().add(nested).add(BatchNorm.builder().build());
    SequentialBlock b =
        new SequentialBlock().add(inner).add(Activation.tanhBlock()).add(linear(10));
    assertSame(nested, FirstLayer.of(b));
    try (Mlp mlp = Mlp.of(b, 255f, manager)) {
      assertSame(nested.getParameters().get("weight"), mlp.firstKernel());
      assertSame(nested.getParameters().get("bias"), mlp.firstBias());
      assertEquals(new Shape(32, 784), mlp.firstKernel().getArray().getShape());
      // BatchNorm's gamma and beta train; its running statistics do not.
      assertEquals(6, mlp.parameters().size());
    }
  }

  @Test
  void aNormalizationFirstBlockIsRefused() {
    SequentialBlock block = new SequentialBlock().add(BatchNorm.builder().build()).add(linear(10));
    assertEquals(
        "The model's first layer with parameters is a BatchNorm, not a Linear: the input scale s"
            + " and its compensation act on the first Linear's kernel, so put a Linear first",
        message(() -> Mlp.of(block, 1f, manager)));
  }

  @Test
  void theFirstKernelIsDividedByS() {
    ModelSpec spec =
        ModelSpec.mlp(List.of(784, 50, 10), ActivationKind.TANH, InitKind.HE_NORMAL, NormKind.NONE);
    try (Mlp one = Mlp.create(spec, 1f, 7, manager);
        Mlp raw = Mlp.create(spec, 255f, 7, manager)) {
      float[] w1 = one.firstKernel().getArray().toFloatArray();
      float[] w255 = raw.firstKernel().getArray().toFloatArray();
      for (int i = 0; i < w1.length; i++) {
        assertEquals(w1[i] / 255f, w255[i]);
      }
      double std = Math.sqrt(2.0 / 784);
      assertEquals(std, one.firstKernel().getArray().pow(2).mean().sqrt().getFloat(), std * 0.05);
    }
  }

  private static Linear linear(int units) {
    Linear l = Linear.builder().setUnits(units).build();
    l.setInitializer(InitKind.GLOROT_UNIFORM.initializer(1, units), Parameter.Type.WEIGHT);
    return l;
  }
}
