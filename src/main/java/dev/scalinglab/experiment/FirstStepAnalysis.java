package dev.scalinglab.experiment;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.ModelTrainer;
import dev.scalinglab.train.Probe;
import dev.scalinglab.train.Scenario;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Measures the first SGD step of A, B and C against the algebra's predictions: same logits, a
 * first-kernel gradient s times larger in B, and a change of the first layer's pre-activations s²
 * times larger, which C's kernel learning rate lr/s² brings back to A's.
 */
public final class FirstStepAnalysis {

  /** Validation images the step is measured on: enough for stable norms, a fifth of the split. */
  private static final int PROBE = 1000;

  private FirstStepAnalysis() {}

  /** Runs the analysis for input scale {@code s} (255 in the question). */
  public static Table run(FashionMnistData data, Hyperparameters hp, float s) {
    Scenario a = Scenarios.a();
    Scenario b = Scenarios.b().withInputScale(s);
    Scenario c =
        Scenarios.c(hp.optimizer())
            .withInputScale(s)
            .withMultipliers(
                dev.scalinglab.train.LrMultipliers.firstKernel(
                    hp.optimizer().exactKernelFactor(s)));
    try (NDManager m = Engine.getInstance().newBaseManager();
        ModelTrainer ta = ModelTrainer.create(data, a, hp, m);
        ModelTrainer tb = ModelTrainer.create(data, b, hp, m);
        ModelTrainer tc = ModelTrainer.create(data, c, hp, m)) {
      Step sa = firstStep(ta, m);
      Step sb = firstStep(tb, m);
      Step sc = firstStep(tc, m);
      StringColumn quantity = StringColumn.create("quantity");
      DoubleColumn measured = DoubleColumn.create("measured");
      DoubleColumn predicted = DoubleColumn.create("predicted");
      add(
          quantity,
          measured,
          predicted,
          "logits at step 0: max|B − A| / max|A|",
          relative(sb.logits, sa.logits),
          0);
      add(
          quantity,
          measured,
          predicted,
          "first-kernel gradient ‖∇W₁‖: B / A",
          ratio(sb.kernelGradient, sa.kernelGradient),
          s);
      add(
          quantity,
          measured,
          predicted,
          "first-bias gradient ‖∇b₁‖: B / A",
          ratio(sb.biasGradient, sa.biasGradient),
          1);
      add(
          quantity,
          measured,
          predicted,
          "kernel part of the step, ‖X·ΔW₁ᵀ‖: B / A",
          ratio(sb.kernelChange, sa.kernelChange),
          (double) s * s);
      add(
          quantity,
          measured,
          predicted,
          "change of pre-activations ‖ΔZ₁‖: B / A",
          ratio(sb.preActivationChange, sa.preActivationChange),
          (double) s * s);
      add(
          quantity,
          measured,
          predicted,
          "change of pre-activations ‖ΔZ₁‖: C / A",
          ratio(sc.preActivationChange, sa.preActivationChange),
          1);
      return Table.create("first SGD step, s = " + s, quantity, measured, predicted);
    }
  }

  private static Step firstStep(ModelTrainer t, NDManager m) {
    Probe p = t.probe();
    NDArray[] batch = p.batch(0, m);
    NDArray probe = p.validationFeatures().get("0:" + PROBE);
    NDArray logits = t.model().forward(probe);
    NDArray kernelGradient = p.gradient(t.model().firstKernel(), batch[0], batch[1], m);
    NDArray biasGradient = p.gradient(t.model().firstBias(), batch[0], batch[1], m);
    NDArray before = t.model().firstPreActivations(probe);
    NDArray biasBefore = t.model().firstBias().getArray().duplicate();
    t.trainSteps(1);
    NDArray change = t.model().firstPreActivations(probe).sub(before);
    NDArray biasChange = t.model().firstBias().getArray().sub(biasBefore);
    return new Step(logits, kernelGradient, biasGradient, change.sub(biasChange), change);
  }

  private static void add(
      StringColumn q, DoubleColumn m, DoubleColumn p, String name, double measured, double pred) {
    q.append(name);
    m.append(measured);
    p.append(pred);
  }

  private static double ratio(NDArray x, NDArray y) {
    return x.norm().getFloat() / (double) y.norm().getFloat();
  }

  private static double relative(NDArray x, NDArray y) {
    return x.sub(y).abs().max().getFloat() / (double) y.abs().max().getFloat();
  }

  private record Step(
      NDArray logits,
      NDArray kernelGradient,
      NDArray biasGradient,
      NDArray kernelChange,
      NDArray preActivationChange) {}
}
