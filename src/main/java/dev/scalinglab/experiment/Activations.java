package dev.scalinglab.experiment;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.ModelTrainer;
import dev.scalinglab.train.Scenario;
import dev.scalinglab.train.TrainingListener;

/** First-layer pre-activations of a scenario's model, for histograms. */
public final class Activations {

  private Activations() {}

  /**
   * Trains {@code scenario} for {@code steps} SGD steps (0 = at initialization; a count beyond one
   * epoch goes on into the next) and returns its first-layer pre-activations on the first {@code
   * images} validation images (all 5,000 if fewer), flattened.
   */
  public static float[] firstLayerAfterSteps(
      FashionMnistData data, Scenario scenario, Hyperparameters hp, int steps, int images) {
    try (NDManager m = Engine.getInstance().newBaseManager();
        ModelTrainer t = ModelTrainer.create(data, scenario, hp, m)) {
      t.trainSteps(steps);
      return t.model().firstPreActivations(firstImages(t, images)).toFloatArray();
    }
  }

  /**
   * Trains {@code scenario} for {@code epochs} full epochs and returns its first-layer
   * pre-activations on the first {@code images} validation images (all 5,000 if fewer), flattened.
   */
  public static float[] firstLayerAfterEpochs(
      FashionMnistData data, Scenario scenario, Hyperparameters hp, int epochs, int images) {
    try (NDManager m = Engine.getInstance().newBaseManager();
        ModelTrainer t = ModelTrainer.create(data, scenario, hp, m)) {
      for (int e = 0; e < epochs; e++) {
        t.trainEpoch(TrainingListener.NONE);
      }
      return t.model().firstPreActivations(firstImages(t, images)).toFloatArray();
    }
  }

  /** Returns the first {@code images} validation features (all of them if fewer); >= 1 image. */
  static NDArray firstImages(ModelTrainer t, int images) {
    if (images < 1) {
      throw new IllegalArgumentException("images must be >= 1, got " + images);
    }
    NDArray all = t.probe().validationFeatures();
    return all.get("0:" + Math.min(images, all.getShape().get(0)));
  }
}
