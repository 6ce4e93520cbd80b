package dev.scalinglab.data;

import java.util.SplittableRandom;

/**
 * Uniform random permutations from a seed.
 *
 * <p>DJL's {@code RandomSampler} uses Sattolo's variant and yields only cyclic permutations, so
 * batch order is drawn here with a textbook Fisher–Yates shuffle instead: every scenario with the
 * same seed sees the same batches in the same order.
 */
public final class Shuffle {

  private Shuffle() {}

  /** Returns a uniformly random permutation of 0..n-1 for the given seed and epoch. */
  public static int[] permutation(long seed, int epoch, int n) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }
}
