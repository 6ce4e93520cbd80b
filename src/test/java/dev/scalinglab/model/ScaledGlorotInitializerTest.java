package dev.scalinglab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.scalinglab.engine.EngineSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScaledGlorotInitializerTest {

  private NDManager manager;

  @BeforeEach
  void open() {
    EngineSetup.configure();
    manager = Engine.getInstance().newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @ParameterizedTest
  @ValueSource(floats = {1f, 255f})
  void normalHasGlorotStdDividedByScale(float s) {
    NDArray w =
        ScaledGlorotInitializer.normal(s, 1)
            .initialize(manager, new Shape(300, 784), DataType.FLOAT32);
    double expected = Math.sqrt(2.0 / (784 + 300)) / s;
    assertEquals(expected, ScaledGlorotInitializer.normalStd(784, 300, s), 1e-12);
    assertEquals(0, w.mean().getFloat(), expected * 0.02);
    assertEquals(expected, std(w), expected * 0.02);
  }

  @Test
  void uniformStaysWithinTheGlorotLimit() {
    NDArray w =
        ScaledGlorotInitializer.uniform(1f, 3)
            .initialize(manager, new Shape(100, 300), DataType.FLOAT32);
    double limit = Math.sqrt(6.0 / 400);
    assertTrue(w.abs().max().getFloat() <= limit);
    // A uniform on [-l, l] has std l / sqrt(3).
    assertEquals(limit / Math.sqrt(3), std(w), limit / Math.sqrt(3) * 0.03);
  }

  @Test
  void sameSeedGivesTheSameDrawUpToTheScale() {
    Shape shape = new Shape(30, 40);
    NDArray a = ScaledGlorotInitializer.normal(1f, 9).initialize(manager, shape, DataType.FLOAT32);
    NDArray b =
        ScaledGlorotInitializer.normal(255f, 9).initialize(manager, shape, DataType.FLOAT32);
    assertEquals(0, a.div(255f).sub(b).abs().max().getFloat(), 1e-9);
  }

  @Test
  void badScaleIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> ScaledGlorotInitializer.normal(0f, 1));
    assertThrows(
        IllegalArgumentException.class, () -> ScaledGlorotInitializer.normal(Float.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> ScaledGlorotInitializer.normal(-2f, 1));
  }

  @ParameterizedTest
  @ValueSource(floats = {1f, 255f})
  void theModelsFirstLayerReallyGetsTheScaledInit(float s) {
    // A TrainingConfig initializer would silently override a block-level one; measure the model.
    try (Mlp mlp = Mlp.create(s, 42, manager)) {
      NDArray w1 = mlp.firstKernel().getArray();
      assertEquals(new Shape(300, 784), w1.getShape());
      double expected = Math.sqrt(2.0 / 1084) / s;
      assertEquals(expected, std(w1), expected * 0.02);
      assertEquals(0f, mlp.firstBias().getArray().abs().max().getFloat());
      NDArray w2 = mlp.parameters().get(2).getArray();
      assertEquals(new Shape(100, 300), w2.getShape());
      assertTrue(w2.abs().max().getFloat() <= Math.sqrt(6.0 / 400), "second layer Glorot uniform");
    }
  }

  private static double std(NDArray w) {
    NDArray d = w.toType(DataType.FLOAT64, false);
    return d.sub(d.mean()).pow(2).mean().sqrt().getDouble();
  }
}
