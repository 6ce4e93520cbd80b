package dev.scalinglab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.Random;

/**
 * He and LeCun initialization divided by a weight scale s: variance {@code gain / fan_in}, normal
 * (N(0, sqrt(gain / fan_in))) or uniform (U(-l, l), l = sqrt(3 · gain / fan_in)). Keras draws its
 * normal variants from a truncated normal; this one does not truncate (the question's Glorot normal
 * does not either). Seeded Java draws, as {@link ScaledGlorotInitializer}.
 */
final class ScaledFanInInitializer implements Initializer {

  private final boolean normal;
  private final double gain;
  private final float weightScale;
  private final long seed;

  ScaledFanInInitializer(boolean normal, double gain, float weightScale, long seed) {
    if (!(weightScale > 0) || Float.isInfinite(weightScale)) {
      throw new IllegalArgumentException(
          "Weight scale must be a finite number > 0, got " + weightScale);
    }
    this.normal = normal;
    this.gain = gain;
    this.weightScale = weightScale;
    this.seed = seed;
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    if (shape.dimension() != 2) {
      throw new IllegalArgumentException("He/LeCun needs a 2-D weight, got shape " + shape);
    }
    // DJL's Linear stores its weight as (units, inputs).
    long fanIn = shape.get(1);
    Random random = new Random(seed);
    float[] values = new float[Math.toIntExact(shape.size())];
    if (normal) {
      double std = Math.sqrt(gain / fanIn);
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (random.nextGaussian() * std) / weightScale;
      }
    } else {
      double limit = Math.sqrt(3 * gain / fanIn);
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) ((random.nextDouble() * 2 - 1) * limit) / weightScale;
      }
    }
    return manager.create(values, shape).toType(dataType, false);
  }
}
