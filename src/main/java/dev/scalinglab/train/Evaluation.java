package dev.scalinglab.train;

/**
 * A model's loss, accuracy and dead first-layer ReLUs on a data split.
 *
 * @param loss mean cross-entropy
 * @param accuracy fraction classified correctly
 * @param deadRelu fraction of first-layer units whose pre-activation is <= 0 for every image
 */
public record Evaluation(double loss, double accuracy, double deadRelu) {}
