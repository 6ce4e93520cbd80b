package dev.scalinglab.experiment;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.model.ScaledGlorotInitializer;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.ModelTrainer;
import dev.scalinglab.train.Scenario;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** What A and B look like before any training: their weights and their logits. */
public final class StepZero {

  private StepZero() {}

  /**
   * Returns, for each input scale, the measured mean and standard deviation of the freshly
   * initialized first kernel next to Glorot's sqrt(2 / (784 + 300)) / s.
   */
  public static Table initialization(FashionMnistData data, Hyperparameters hp, float... scales) {
    DoubleColumn s = DoubleColumn.create("s");
    DoubleColumn mean = DoubleColumn.create("mean");
    DoubleColumn std = DoubleColumn.create("std");
    DoubleColumn expected = DoubleColumn.create("expected_std");
    DoubleColumn maxFeature = DoubleColumn.create("max_feature");
    try (NDManager m = Engine.getInstance().newBaseManager()) {
      for (float scale : scales) {
        Scenario scenario = Scenarios.a().withInputScale(scale);
        try (ModelTrainer t = ModelTrainer.create(data, scenario, hp, m)) {
          NDArray w = t.model().firstKernel().getArray();
          double mu = w.mean().getFloat();
          s.append(scale);
          mean.append(mu);
          std.append(Math.sqrt(w.sub(mu).pow(2).mean().getFloat()));
          expected.append(ScaledGlorotInitializer.normalStd(784, 300, scale));
          maxFeature.append(t.probe().trainFeatures().max().getFloat());
        }
      }
    }
    return Table.create("first-layer kernel at initialization", s, mean, std, expected, maxFeature);
  }

  /**
   * Returns the logits of A and B (input scale s) for the first {@code images} validation images
   * before training (all 5,000 if fewer): the predicted class of each and the largest difference of
   * their logits.
   */
  public static Table logits(FashionMnistData data, Hyperparameters hp, float s, int images) {
    IntColumn image = IntColumn.create("image");
    StringColumn label = StringColumn.create("label");
    StringColumn predictedA = StringColumn.create("A predicts");
    StringColumn predictedB = StringColumn.create("B predicts");
    DoubleColumn largest = DoubleColumn.create("max |logit A|");
    DoubleColumn difference = DoubleColumn.create("max |logit B − logit A|");
    try (NDManager m = Engine.getInstance().newBaseManager();
        ModelTrainer a = ModelTrainer.create(data, Scenarios.a(), hp, m);
        ModelTrainer b = ModelTrainer.create(data, Scenarios.b().withInputScale(s), hp, m)) {
      NDArray xa = Activations.firstImages(a, images);
      NDArray xb = Activations.firstImages(b, images);
      String rows = "0:" + xa.getShape().get(0);
      NDArray la = a.model().forward(xa);
      NDArray lb = b.model().forward(xb);
      long[] labels = data.validation().labels().get(rows).toLongArray();
      long[] pa = la.argMax(1).toLongArray();
      long[] pb = lb.argMax(1).toLongArray();
      float[] maxA = la.abs().max(new int[] {1}).toFloatArray();
      float[] diff = lb.sub(la).abs().max(new int[] {1}).toFloatArray();
      for (int i = 0; i < pa.length; i++) {
        image.append(i);
        label.append(FashionMnistData.CLASS_NAMES.get((int) labels[i]));
        predictedA.append(FashionMnistData.CLASS_NAMES.get((int) pa[i]));
        predictedB.append(FashionMnistData.CLASS_NAMES.get((int) pb[i]));
        largest.append(maxA[i]);
        difference.append(diff[i]);
      }
    }
    return Table.create(
        "logits at step 0 (untrained)", image, label, predictedA, predictedB, largest, difference);
  }
}
