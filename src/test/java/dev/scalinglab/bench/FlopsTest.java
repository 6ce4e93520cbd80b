package dev.scalinglab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FlopsTest {

  @Test
  void countsForwardWeightGradientsAndHiddenInputGradients() {
    // 784·300 + 300·100 + 100·10 = 266,200 multiply-adds forward, as many for the weight
    // gradients, and 31,000 for the input gradients of layers 2 and 3.
    assertEquals(
        2.0 * (266_200 + 266_200 + 31_000), Flops.perStep(new int[] {784, 300, 100, 10}, 1));
    assertEquals(
        32 * Flops.perStep(new int[] {784, 300, 100, 10}, 1),
        Flops.perStep(new int[] {784, 300, 100, 10}, 32));
  }
}
