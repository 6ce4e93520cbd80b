package dev.scalinglab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/** The arithmetic limit: GFLOP/s of a large square matrix product through DJL. */
public final class GemmBenchmark {

  private GemmBenchmark() {}

  /** Returns the median GFLOP/s of {@code reps} products of two n×n float32 matrices. */
  public static double gflopPerSecond(int n, int reps) {
    try (NDManager manager = Engine.getInstance().newBaseManager()) {
      NDArray a = manager.randomUniform(-1, 1, new Shape(n, n));
      NDArray b = manager.randomUniform(-1, 1, new Shape(n, n));
      for (int i = 0; i < 2; i++) {
        a.matMul(b).close();
      }
      double[] rates = new double[reps];
      for (int i = 0; i < reps; i++) {
        long start = System.nanoTime();
        a.matMul(b).close();
        double seconds = (System.nanoTime() - start) / 1e9;
        rates[i] = 2.0 * n * n * n / seconds / 1e9;
      }
      Arrays.sort(rates);
      return rates[reps / 2];
    }
  }
}
