package dev.scalinglab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Counts the multiply-adds of one SGD step by running it: a naive dense ReLU network whose every
 * matrix product goes through {@link #matMul}, which counts each multiply-add it does.
 */
class FlopsTest {

  private long multiplyAdds;

  /** Returns a (n×k)·(k×m) product, counting its n·k·m multiply-adds. */
  private double[][] matMul(double[][] a, double[][] b) {
    int n = a.length;
    int k = b.length;
    int m = b[0].length;
    double[][] c = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        for (int p = 0; p < k; p++) {
          c[i][j] += a[i][p] * b[p][j];
          multiplyAdds++;
        }
      }
    }
    return c;
  }

  private static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  private static double[][] filled(int rows, int cols, double value) {
    double[][] a = new double[rows][cols];
    for (double[] row : a) {
      java.util.Arrays.fill(row, value);
    }
    return a;
  }

  /** One forward and backward pass of a dense network (biases and ReLU cost no products). */
  private long countStep(int[] sizes, int batch) {
    multiplyAdds = 0;
    int layers = sizes.length - 1;
    double[][][] weights = new double[layers][][];
    double[][][] inputs = new double[layers][][];
    double[][] h = filled(batch, sizes[0], 0.5);
    for (int l = 0; l < layers; l++) {
      weights[l] = filled(sizes[l], sizes[l + 1], 0.1);
      inputs[l] = h;
      h = matMul(h, weights[l]);
    }
    double[][] grad = filled(batch, sizes[layers], 1.0); // dLoss/dLogits
    for (int l = layers - 1; l >= 0; l--) {
      matMul(transpose(inputs[l]), grad); // the weight gradient
      if (l > 0) { // the data needs no gradient
        grad = matMul(grad, transpose(weights[l]));
      }
    }
    return multiplyAdds;
  }

  @Test
  void matchesTheProductsOfARealStep() {
    for (int[] sizes : new int[][] {{4, 3, 2}, {5, 7}, {6, 4, 3, 2}}) {
      for (int batch : new int[] {1, 5}) {
        assertEquals(2.0 * countStep(sizes, batch), Flops.perStep(sizes, batch), 0.0);
      }
    }
  }

  @Test
  void smallCaseByHand() {
    // 4-3-2 at batch 5: forward 5·4·3 + 5·3·2 = 90, weight gradients 90 again, input gradient
    // of layer 2 5·2·3 = 30: 210 multiply-adds, 420 FLOPs.
    assertEquals(420.0, Flops.perStep(new int[] {4, 3, 2}, 5), 0.0);
  }
}
