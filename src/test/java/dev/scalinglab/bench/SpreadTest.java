package dev.scalinglab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpreadTest {

  @Test
  void medianAndRangeOfOddAndEvenCounts() {
    assertEquals(new Spread(2, 1, 9, 5), Spread.of(new double[] {9, 1, 2, 3, 1.5}));
    assertEquals(new Spread(2.5, 1, 4, 4), Spread.of(new double[] {4, 1, 3, 2}));
    assertThrows(IllegalArgumentException.class, () -> Spread.of(new double[0]));
  }

  @Test
  void ratiosArePerRound() {
    assertArrayEquals(
        new double[] {0.5, 2}, Spread.ratios(new double[] {1, 4}, new double[] {2, 2}), 0);
    assertThrows(IllegalArgumentException.class, () -> Spread.ratios(new double[1], new double[2]));
  }

  @Test
  void belowMeansTheWholeRange() {
    assertTrue(new Spread(0.8, 0.7, 0.95, 5).below(1));
    assertFalse(new Spread(0.8, 0.7, 1.01, 5).below(1));
    assertEquals("0.80 (0.70–0.95)", new Spread(0.8, 0.7, 0.95, 5).format(2));
  }
}
