package dev.scalinglab.train;

/**
 * One row of a training history, in the spirit of Keras' {@code History}.
 *
 * @param scenario name of the scenario
 * @param epoch 1-based epoch number
 * @param loss mean training loss over the epoch's batches
 * @param accuracy training accuracy over the epoch's batches
 * @param valLoss validation loss after the epoch
 * @param valAccuracy validation accuracy after the epoch
 * @param deadRelu fraction of first-layer ReLUs that output 0 for every validation image
 * @param seconds wall time of the epoch, validation included
 * @param diverged whether the loss or the weights became NaN or infinite during the epoch
 */
public record EpochResult(
    String scenario,
    int epoch,
    double loss,
    double accuracy,
    double valLoss,
    double valAccuracy,
    double deadRelu,
    double seconds,
    boolean diverged) {}
