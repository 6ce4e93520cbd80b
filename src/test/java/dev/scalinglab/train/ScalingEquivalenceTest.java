package dev.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.scalinglab.data.FashionMnistData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The question's algebra, checked on real data with real DJL training. */
@Timeout(600)
class ScalingEquivalenceTest {

  private static final float S = 255f;
  private static final int STEPS = 100;

  private final FashionMnistData data = FashionMnistData.load();
  private final Hyperparameters hp = Hyperparameters.QUESTION.withTrainSize(5000).withEpochs(1);
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = Engine.getInstance().newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private ModelTrainer trainer(float s, LrMultipliers m, Hyperparameters h) {
    return new ModelTrainer("t", data.train(), data.validation(), s, m, h, manager);
  }

  @Test
  void aAndBComputeTheSameLogitsAtStepZero() {
    ModelTrainer a = trainer(1f, LrMultipliers.NONE, hp);
    ModelTrainer b = trainer(S, LrMultipliers.NONE, hp);
    NDArray la = a.model().forward(a.probe().trainFeatures().get("0:256"));
    NDArray lb = b.model().forward(b.probe().trainFeatures().get("0:256"));
    assertTrue(
        relativeDifference(lb, la) <= 1e-5, "relative difference " + relativeDifference(lb, la));
  }

  @Test
  void firstKernelGradientInBIsSTimesA() {
    ModelTrainer a = trainer(1f, LrMultipliers.NONE, hp);
    ModelTrainer b = trainer(S, LrMultipliers.NONE, hp);
    NDArray ga =
        a.probe()
            .gradient(
                a.model().firstKernel(),
                a.probe().trainFeatures().get("0:32"),
                a.probe().trainLabels().get("0:32"),
                manager);
    NDArray gb =
        b.probe()
            .gradient(
                b.model().firstKernel(),
                b.probe().trainFeatures().get("0:32"),
                b.probe().trainLabels().get("0:32"),
                manager);
    assertTrue(ga.abs().max().getFloat() > 0, "gradient is not zero");
    double rel = relativeDifference(gb, ga.mul(S));
    assertTrue(rel <= 1e-4, "∇W_B vs s·∇W_A relative difference " + rel);
    // The bias sees the same gradient in both: the pre-activations are the same.
    NDArray ba =
        a.probe()
            .gradient(
                a.model().firstBias(),
                a.probe().trainFeatures().get("0:32"),
                a.probe().trainLabels().get("0:32"),
                manager);
    NDArray bb =
        b.probe()
            .gradient(
                b.model().firstBias(),
                b.probe().trainFeatures().get("0:32"),
                b.probe().trainLabels().get("0:32"),
                manager);
    assertTrue(relativeDifference(bb, ba) <= 1e-4);
  }

  @Test
  void firstKernelLrOverSSquaredRetracesA() {
    ModelTrainer a = trainer(1f, LrMultipliers.NONE, hp);
    ModelTrainer c = trainer(S, LrMultipliers.firstKernel(1 / (S * S)), hp);
    a.trainSteps(STEPS);
    c.trainSteps(STEPS);
    double rel =
        relativeDifference(
            c.model().firstKernel().getArray().mul(S), a.model().firstKernel().getArray());
    assertTrue(rel <= 1e-4, "W_C·s vs W_A after " + STEPS + " steps: " + rel);
    double others =
        relativeDifference(
            c.model().parameters().get(2).getArray(), a.model().parameters().get(2).getArray());
    assertTrue(others <= 1e-4, "second layer: " + others);
  }

  @Test
  void globalLrOverSSquaredAndFirstLayerLrOverSDoNot() {
    ModelTrainer a = trainer(1f, LrMultipliers.NONE, hp);
    ModelTrainer d = trainer(S, LrMultipliers.global(1 / (S * S)), hp);
    ModelTrainer e = trainer(S, LrMultipliers.firstLayer(1 / S), hp);
    a.trainSteps(STEPS);
    d.trainSteps(STEPS);
    e.trainSteps(STEPS);
    NDArray wa = a.model().firstKernel().getArray();
    double relD = relativeDifference(d.model().firstKernel().getArray().mul(S), wa);
    double relE = relativeDifference(e.model().firstKernel().getArray().mul(S), wa);
    assertTrue(relD > 1e-2, "D should leave A's trajectory, got " + relD);
    assertTrue(relE > 1e-2, "E should leave A's trajectory, got " + relE);
  }

  @Test
  void forAdamTheExactCompensationIsLrOverS() {
    // ε must sit far below every |gradient| for Adam to be scale-free; see the next test.
    Hyperparameters adam =
        hp.withOptimizer(OptimizerKind.ADAM).withLearningRate(0.001).withAdamEpsilon(1e-20f);
    ModelTrainer a = trainer(1f, LrMultipliers.NONE, adam);
    ModelTrainer overS =
        trainer(S, LrMultipliers.firstKernel(OptimizerKind.ADAM.exactKernelFactor(S)), adam);
    ModelTrainer overS2 = trainer(S, LrMultipliers.firstKernel(1 / (S * S)), adam);
    a.trainSteps(STEPS);
    overS.trainSteps(STEPS);
    overS2.trainSteps(STEPS);
    NDArray wa = a.model().firstKernel().getArray();
    double exact = relativeDifference(overS.model().firstKernel().getArray().mul(S), wa);
    double wrong = relativeDifference(overS2.model().firstKernel().getArray().mul(S), wa);
    assertTrue(exact <= 1e-4, "Adam lr/s: " + exact);
    assertTrue(wrong > 1e-2, "Adam lr/s² should not match: " + wrong);
  }

  @Test
  void adamsDefaultEpsilonMakesTheCompensationCloseNotExact() {
    Hyperparameters adam = hp.withOptimizer(OptimizerKind.ADAM).withLearningRate(0.001);
    ModelTrainer a = trainer(1f, LrMultipliers.NONE, adam);
    NDArray start = a.model().firstKernel().getArray().duplicate();
    ModelTrainer overS = trainer(S, LrMultipliers.firstKernel(1 / S), adam);
    ModelTrainer overS2 = trainer(S, LrMultipliers.firstKernel(1 / (S * S)), adam);
    a.trainSteps(1);
    overS.trainSteps(1);
    overS2.trainSteps(1);
    NDArray wa = a.model().firstKernel().getArray();
    double moved = wa.sub(start).norm().getFloat();
    double errS = overS.model().firstKernel().getArray().mul(S).sub(wa).norm().getFloat() / moved;
    double errS2 = overS2.model().firstKernel().getArray().mul(S).sub(wa).norm().getFloat() / moved;
    // After one step: lr/s misses A's move by a few percent (ε), lr/s² misses nearly all of it.
    assertTrue(errS > 1e-3 && errS < 0.1, "lr/s error " + errS);
    assertTrue(errS2 > 0.9, "lr/s² error " + errS2);
  }

  @Test
  void momentumFollowsTheSgdRule() {
    Hyperparameters momentum = hp.withOptimizer(OptimizerKind.MOMENTUM);
    ModelTrainer a = trainer(1f, LrMultipliers.NONE, momentum);
    ModelTrainer c =
        trainer(
            S, LrMultipliers.firstKernel(OptimizerKind.MOMENTUM.exactKernelFactor(S)), momentum);
    a.trainSteps(STEPS);
    c.trainSteps(STEPS);
    double rel =
        relativeDifference(
            c.model().firstKernel().getArray().mul(S), a.model().firstKernel().getArray());
    assertTrue(rel <= 1e-4, "momentum lr/s²: " + rel);
  }

  /** max |x − y| / max |y|. */
  static double relativeDifference(NDArray x, NDArray y) {
    return x.sub(y).abs().max().getFloat() / (double) y.abs().max().getFloat();
  }
}
