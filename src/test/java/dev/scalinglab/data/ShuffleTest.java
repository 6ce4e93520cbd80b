package dev.scalinglab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShuffleTest {

  @Test
  void isAPermutationAndRepeatsForTheSameSeed() {
    int[] a = Shuffle.permutation(7, 1, 1000);
    assertArrayEquals(a, Shuffle.permutation(7, 1, 1000));
    int[] sorted = a.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i, sorted[i]);
    }
    assertFalse(Arrays.equals(a, Shuffle.permutation(7, 2, 1000)), "epochs differ");
  }

  @Test
  void allSixPermutationsOfThreeAppearEquallyOften() {
    // Sattolo's algorithm (DJL's RandomSampler) would give only the 2 cyclic ones.
    int[] counts = new int[6];
    int draws = 60_000;
    for (int seed = 0; seed < draws; seed++) {
      int[] p = Shuffle.permutation(seed, 1, 3);
      counts[p[0] * 2 + (p[1] > p[2] ? 1 : 0)]++;
    }
    for (int c : counts) {
      assertEquals(draws / 6.0, c, draws / 6.0 * 0.05, "counts " + Arrays.toString(counts));
    }
  }

  @Test
  void fixedPointsOccurAsInAUniformShuffle() {
    // A uniform permutation of n keeps on average one element in place; a cyclic one none.
    long fixed = 0;
    int trials = 2000;
    for (int seed = 0; seed < trials; seed++) {
      int[] p = Shuffle.permutation(seed, 1, 50);
      for (int i = 0; i < p.length; i++) {
        fixed += p[i] == i ? 1 : 0;
      }
    }
    double mean = fixed / (double) trials;
    assertTrue(Math.abs(mean - 1.0) < 0.1, "mean fixed points " + mean);
  }
}
