package dev.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.tracker.FixedPerVarTracker;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.model.ActivationKind;
import dev.scalinglab.model.InitKind;
import dev.scalinglab.model.ModelSpec;
import dev.scalinglab.model.NormKind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * C (first kernel lr/s²) retraces A on models other than the question's: its first kernel times s
 * stays within {@value #TOLERANCE} (relative, max-norm) of A's over {@value #STEPS} SGD steps of
 * batch 32, for a deeper ReLU net, a tanh net, He and LeCun init, BatchNorm and LayerNorm.
 */
@Timeout(600)
class AnyModelEquivalenceTest {

  private static final float S = 255f;
  private static final int STEPS = 100;
  private static final double TOLERANCE = 1e-4;

  private final FashionMnistData data = FashionMnistData.load();
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = Engine.getInstance().newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  static Stream<ModelSpec> models() {
    return Stream.of(
        ModelSpec.mlp(
            List.of(784, 128, 64, 32, 10), ActivationKind.RELU, InitKind.HE_NORMAL, NormKind.NONE),
        ModelSpec.mlp(
            List.of(784, 128, 10), ActivationKind.TANH, InitKind.LECUN_NORMAL, NormKind.NONE),
        ModelSpec.mlp(
            List.of(784, 96, 48, 10), ActivationKind.GELU, InitKind.HE_UNIFORM, NormKind.LAYER),
        ModelSpec.builder()
            .addDense(128, InitKind.GLOROT_UNIFORM)
            .addNorm(NormKind.BATCH)
            .addActivation(ActivationKind.SIGMOID)
            .addDense(10, InitKind.GLOROT_UNIFORM)
            .build());
  }

  private Hyperparameters hp(ModelSpec model) {
    return Hyperparameters.QUESTION.withTrainSize(2000).withEpochs(1).withModel(model);
  }

  private ModelTrainer trainer(float s, LrMultipliers m, ModelSpec model) {
    return new ModelTrainer("t", data.train(), data.validation(), s, m, hp(model), manager);
  }

  @ParameterizedTest
  @MethodSource("models")
  void cRetracesA(ModelSpec model) {
    ModelTrainer a = trainer(1f, LrMultipliers.NONE, model);
    ModelTrainer c = trainer(S, LrMultipliers.firstKernel(1 / (S * S)), model);
    a.trainSteps(STEPS);
    c.trainSteps(STEPS);
    double rel = relativeDifference(c, a);
    assertTrue(rel <= TOLERANCE, model + ": C vs A after " + STEPS + " steps " + rel);
  }

  @ParameterizedTest
  @MethodSource("models")
  void compensatingTheSecondKernelInsteadDoesNot(ModelSpec model) {
    ModelTrainer a = trainer(1f, LrMultipliers.NONE, model);
    ModelTrainer wrong =
        new ModelTrainer(
            "wrong",
            data.train(),
            data.validation(),
            S,
            LrMultipliers.NONE,
            hp(model),
            manager,
            t -> TrainingStep.create(t.model(), hp(model), secondKernelSlowed(t), manager));
    a.trainSteps(STEPS);
    wrong.trainSteps(STEPS);
    double rel = relativeDifference(wrong, a);
    assertTrue(rel > 100 * TOLERANCE, model + ": second kernel compensated, still " + rel);
  }

  @Test
  void theDefaultModelIsTheQuestions() {
    assertTrue(ModelSpec.question().toString().startsWith("784-300-100-10 relu"));
  }

  /** lr/s² on the second Linear's kernel (the third trainable parameter), lr elsewhere. */
  private static FixedPerVarTracker secondKernelSlowed(ModelTrainer t) {
    List<Parameter> ps = t.model().parameters();
    Parameter second =
        ps.stream()
            .filter(p -> p.getType() == Parameter.Type.WEIGHT && p != t.model().firstKernel())
            .findFirst()
            .orElseThrow();
    float lr = (float) Hyperparameters.QUESTION.learningRate();
    return FixedPerVarTracker.builder()
        .setDefaultValue(lr)
        .put(second.getId(), lr / (S * S))
        .build();
  }

  /** max |s·W₁(x) − W₁(a)| / max |W₁(a)|. */
  private static double relativeDifference(ModelTrainer x, ModelTrainer a) {
    NDArray wx = x.model().firstKernel().getArray().mul(S);
    NDArray wa = a.model().firstKernel().getArray();
    return wx.sub(wa).abs().max().getFloat() / (double) wa.abs().max().getFloat();
  }
}
