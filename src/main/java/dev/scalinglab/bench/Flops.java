package dev.scalinglab.bench;

/** Floating-point operations of one SGD step of a dense ReLU network. */
public final class Flops {

  private Flops() {}

  /**
   * Returns the multiply-adds ×2 of one training step at {@code batch}: the forward pass, the
   * weight gradients, and the input gradients of every layer but the first (the data needs none).
   */
  public static double perStep(int[] sizes, int batch) {
    double forward = 0;
    double inputGrads = 0;
    for (int i = 1; i < sizes.length; i++) {
      double macs = (double) sizes[i - 1] * sizes[i];
      forward += macs;
      if (i > 1) {
        inputGrads += macs;
      }
    }
    return 2.0 * batch * (forward + forward + inputGrads);
  }
}
