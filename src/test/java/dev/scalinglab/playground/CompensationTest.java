package dev.scalinglab.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scalinglab.train.LrMultipliers;
import dev.scalinglab.train.OptimizerKind;
import org.junit.jupiter.api.Test;

class CompensationTest {
  private static final double S = 255;

  @Test
  void eachRuleGivesItsFactors() {
    var sgd = OptimizerKind.SGD;
    assertEquals(LrMultipliers.NONE, Compensation.NONE.multipliers(S, sgd));
    assertEquals(
        new LrMultipliers(1 / 65025.0, 1, 1), Compensation.FIRST_KERNEL_S2.multipliers(S, sgd));
    assertEquals(LrMultipliers.global(1 / 65025.0), Compensation.GLOBAL_S2.multipliers(S, sgd));
    assertEquals(
        new LrMultipliers(1 / S, 1 / S, 1), Compensation.FIRST_LAYER_S.multipliers(S, sgd));
    assertEquals(new LrMultipliers(1 / S, 1, 1), Compensation.FIRST_KERNEL_S.multipliers(S, sgd));
  }

  @Test
  void exactRuleFollowsTheOptimizer() {
    assertEquals(
        1 / 65025.0, Compensation.EXACT.multipliers(S, OptimizerKind.MOMENTUM).firstKernel());
    assertEquals(1 / S, Compensation.EXACT.multipliers(S, OptimizerKind.ADAM).firstKernel());
  }

  @Test
  void labelsRoundTripAndAnUnknownOneIsNamed() {
    for (Compensation c : Compensation.values()) {
      assertEquals(c, Compensation.ofLabel(c.label()));
    }
    var e = assertThrows(IllegalArgumentException.class, () -> Compensation.ofLabel("lr/s³"));
    assertEquals(
        "Unknown compensation 'lr/s³': use one of " + Compensation.labels(), e.getMessage());
  }

  @Test
  void settingsNameTheRunBySAndRejectBadValues() {
    var s = new Settings(64, 0.01, Compensation.NONE, OptimizerKind.SGD, 1, 2000);
    assertEquals("s=64", s.runName());
    assertEquals("s = 64 · lr = 0.01 · none · sgd · 1 epoch · 2,000 images", s.describe());
    assertEquals(
        "s=3.16",
        new Settings(3.16227766, 0.01, Compensation.NONE, OptimizerKind.SGD, 1, 2000).runName());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Settings(2000, 0.01, Compensation.NONE, OptimizerKind.SGD, 1, 2000));
    assertEquals("input scale s must be in 1..1000, got 2000.0", e.getMessage());
  }
}
