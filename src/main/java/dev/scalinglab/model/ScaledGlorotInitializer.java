package dev.scalinglab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.Random;

/**
 * Glorot (Xavier) initialization divided by a weight scale s: the question's {@code
 * my_glorot_initializer}.
 *
 * <p>Normal: N(0, sqrt(2 / (fan_in + fan_out))) / s. Uniform: U(-l, l) / s with l = sqrt(6 /
 * (fan_in + fan_out)), Keras' default {@code glorot_uniform}. Values are drawn from a Java {@link
 * Random} seeded here, not from the engine's global generator, so trainings running side by side
 * get the same weights as trainings run alone, and the same seed gives the same draw for every s.
 */
public final class ScaledGlorotInitializer implements Initializer {

  /** Which distribution to draw from. */
  public enum Distribution {
    /** Normal with the Glorot standard deviation. */
    NORMAL,
    /** Uniform with the Glorot limit. */
    UNIFORM
  }

  private final Distribution distribution;
  private final float weightScale;
  private final long seed;

  /**
   * Creates an initializer.
   *
   * @param distribution normal or uniform
   * @param weightScale s, the divisor of the drawn values (1 = plain Glorot); finite and > 0
   * @param seed seed of the draw
   */
  public ScaledGlorotInitializer(Distribution distribution, float weightScale, long seed) {
    if (!(weightScale > 0) || Float.isInfinite(weightScale)) {
      throw new IllegalArgumentException(
          "Weight scale must be a finite number > 0, got " + weightScale);
    }
    this.distribution = distribution;
    this.weightScale = weightScale;
    this.seed = seed;
  }

  /** Returns the normal variant divided by {@code weightScale}. */
  public static ScaledGlorotInitializer normal(float weightScale, long seed) {
    return new ScaledGlorotInitializer(Distribution.NORMAL, weightScale, seed);
  }

  /** Returns the uniform variant divided by {@code weightScale}. */
  public static ScaledGlorotInitializer uniform(float weightScale, long seed) {
    return new ScaledGlorotInitializer(Distribution.UNIFORM, weightScale, seed);
  }

  /** Returns the standard deviation of the normal variant for a (fanOut, fanIn) weight. */
  public static double normalStd(long fanIn, long fanOut, double weightScale) {
    return Math.sqrt(2.0 / (fanIn + fanOut)) / weightScale;
  }

  /** {@inheritDoc} */
  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    if (shape.dimension() != 2) {
      throw new IllegalArgumentException("Glorot needs a 2-D weight, got shape " + shape);
    }
    // DJL's Linear stores its weight as (units, inputs).
    long fanOut = shape.get(0);
    long fanIn = shape.get(1);
    Random random = new Random(seed);
    float[] values = new float[Math.toIntExact(shape.size())];
    if (distribution == Distribution.NORMAL) {
      double std = Math.sqrt(2.0 / (fanIn + fanOut));
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (random.nextGaussian() * std) / weightScale;
      }
    } else {
      double limit = Math.sqrt(6.0 / (fanIn + fanOut));
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) ((random.nextDouble() * 2 - 1) * limit) / weightScale;
      }
    }
    return manager.create(values, shape).toType(dataType, false);
  }

  /** Returns the distribution. */
  public Distribution distribution() {
    return distribution;
  }

  /** Returns the weight scale s. */
  public float weightScale() {
    return weightScale;
  }

  @Override
  public String toString() {
    return "ScaledGlorot(" + distribution + ", s=" + weightScale + ", seed=" + seed + ")";
  }
}
