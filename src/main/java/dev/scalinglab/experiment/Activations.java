package dev.scalinglab.experiment;

import ai.djl.engine.Engine;
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
   * Trains {@code scenario} for {@code steps} SGD steps (0 = at initialization; within the first
   * epoch) and returns its first-layer pre-activations on the first {@code images} validation
   * images, flattened.
   */
  public static float[] firstLayerAfterSteps(
      FashionMnistData data, Scenario scenario, Hyperparameters hp, int steps, int images) {
    try (NDManager m = Engine.getInstance().newBaseManager();
        ModelTrainer t = ModelTrainer.create(data, scenario, hp, m)) {
      t.trainSteps(steps);
      return t.model()
          .firstPreActivations(t.probe().validationFeatures().get("0:" + images))
          .toFloatArray();
    }
  }

  /**
   * Trains {@code scenario} for {@code epochs} full epochs and returns its first-layer
   * pre-activations on the first {@code images} validation images, flattened.
   */
  public static float[] firstLayerAfterEpochs(
      FashionMnistData data, Scenario scenario, Hyperparameters hp, int epochs, int images) {
    try (NDManager m = Engine.getInstance().newBaseManager();
        ModelTrainer t = ModelTrainer.create(data, scenario, hp, m)) {
      for (int e = 0; e < epochs; e++) {
        t.trainEpoch(TrainingListener.NONE);
      }
      return t.model()
          .firstPreActivations(t.probe().validationFeatures().get("0:" + images))
          .toFloatArray();
    }
  }
}
