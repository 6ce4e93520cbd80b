package dev.scalinglab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Another initializer's values divided by s, in Java float arithmetic (w / s rounded once, as
 * {@link ScaledGlorotInitializer} divides): the first kernel of scenario B and its kin, whatever
 * initializer the model gave that kernel.
 */
final class DividedInitializer implements Initializer {

  private final Initializer inner;
  private final float divisor;

  DividedInitializer(Initializer inner, float divisor) {
    this.inner = inner;
    this.divisor = divisor;
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    if (divisor == 1f) {
      return inner.initialize(manager, shape, dataType);
    }
    try (NDArray drawn = inner.initialize(manager, shape, DataType.FLOAT32)) {
      float[] values = drawn.toFloatArray();
      for (int i = 0; i < values.length; i++) {
        values[i] /= divisor;
      }
      return manager.create(values, shape).toType(dataType, false);
    }
  }
}
