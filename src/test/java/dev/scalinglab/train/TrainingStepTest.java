package dev.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.scalinglab.data.Split;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The step implementations on the same data, initial weights and batches: the default plain-SGD
 * step ({@link ManualBackpropStep} for this model) and DJL's {@code Sgd} through {@link
 * OptimizerStep}, and DJL's gradient collector (the path of engines other than PyTorch) against
 * PyTorch's thread-local grad mode.
 *
 * <p>On tiny synthetic data ({@link TinyData}): the steps' arithmetic does not depend on what the
 * images show. Measured: after two epochs, every weight and every history number of the two SGD
 * implementations is bit-identical (max |difference| 0), as the README states.
 */
@Timeout(120)
class TrainingStepTest {

  private static final Hyperparameters HP =
      Hyperparameters.QUESTION.withTrainSize(640).withEpochs(2);

  private NDManager manager;
  private Split train;
  private Split validation;

  @BeforeEach
  void open() {
    manager = Engine.getInstance().newBaseManager();
    train = TinyData.split("train", 640, 1, manager);
    validation = TinyData.split("validation", 200, 2, manager);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private ModelTrainer trainer(
      float s, LrMultipliers m, Hyperparameters hp, Function<ModelTrainer, TrainingStep> step) {
    return new ModelTrainer("t", train, validation, s, m, hp, manager, step);
  }

  private static Function<ModelTrainer, TrainingStep> optimizer(
      LrMultipliers m, Hyperparameters hp, boolean collector) {
    return t ->
        new OptimizerStep(
            t.model(), hp.optimizer().build(t.learningRates(m), hp.adamEpsilon()), collector);
  }

  @Test
  void pytorchSgdUsesTheManualBackpropStep() {
    // Other models fall back to InPlaceSgdStep: ManualBackpropStepTest.
    ModelTrainer t = trainer(1f, LrMultipliers.NONE, HP, null);
    NDManager m = manager;
    assertInstanceOf(
        ManualBackpropStep.class,
        TrainingStep.create(t.model(), HP, t.learningRates(LrMultipliers.NONE), m));
    assertInstanceOf(
        OptimizerStep.class,
        TrainingStep.create(
            t.model(),
            HP.withOptimizer(OptimizerKind.ADAM),
            t.learningRates(LrMultipliers.NONE),
            m));
  }

  @Test
  void inPlaceSgdAndDjlSgdAreBitIdentical() {
    // C's factors: three learning rates, one of them tiny, so each parameter's rate is exercised.
    LrMultipliers c = LrMultipliers.firstKernel(1 / (255.0 * 255.0));
    ModelTrainer inPlace = trainer(255f, c, HP, null);
    ModelTrainer djl = trainer(255f, c, HP, optimizer(c, HP, false));
    List<EpochResult> a = List.of(epoch(inPlace), epoch(inPlace));
    List<EpochResult> b = List.of(epoch(djl), epoch(djl));
    assertEquals(0.0, maxDifference(inPlace, djl), "max |w_inplace - w_djl| over all weights");
    for (int e = 0; e < 2; e++) {
      assertEquals(a.get(e).loss(), b.get(e).loss(), 0.0, "epoch loss");
      assertEquals(a.get(e).accuracy(), b.get(e).accuracy(), 0.0, "epoch accuracy");
      assertEquals(a.get(e).valLoss(), b.get(e).valLoss(), 0.0, "val loss");
      assertEquals(a.get(e).valAccuracy(), b.get(e).valAccuracy(), 0.0, "val accuracy");
    }
    assertTrue(a.get(1).valAccuracy() > 0.6, "and they learned: " + a.get(1).valAccuracy());
  }

  @Test
  void djlCollectorMatchesThreadLocalGradMode() {
    Hyperparameters momentum = HP.withOptimizer(OptimizerKind.MOMENTUM).withEpochs(1);
    ModelTrainer local =
        trainer(1f, LrMultipliers.NONE, momentum, optimizer(LrMultipliers.NONE, momentum, false));
    ModelTrainer collector =
        trainer(1f, LrMultipliers.NONE, momentum, optimizer(LrMultipliers.NONE, momentum, true));
    local.trainSteps(100);
    collector.trainSteps(100);
    assertEquals(0.0, maxDifference(local, collector), "max |w_local - w_collector|");
    assertTrue(movedFromStart(collector), "the collector path trains");
  }

  @Test
  void aDifferentLearningRateIsSeen() {
    // The comparison above can fail: a step with another rate leaves other weights.
    ModelTrainer inPlace = trainer(1f, LrMultipliers.NONE, HP, null);
    ModelTrainer other = trainer(1f, LrMultipliers.global(1.001), HP, null);
    inPlace.trainSteps(10);
    other.trainSteps(10);
    assertTrue(maxDifference(inPlace, other) > 0);
  }

  private static EpochResult epoch(ModelTrainer t) {
    return t.trainEpoch(TrainingListener.NONE);
  }

  private boolean movedFromStart(ModelTrainer t) {
    try (ModelTrainer fresh = trainer(1f, LrMultipliers.NONE, HP, null)) {
      return maxDifference(t, fresh) > 0;
    }
  }

  private static double maxDifference(ModelTrainer a, ModelTrainer b) {
    return ModelTrainerTest.maxDifference(a, b);
  }
}
