package dev.scalinglab.train;

/**
 * The training loss over the last few steps of one training: a row of {@link History#steps()}.
 *
 * @param scenario name of the scenario (run)
 * @param epoch 1-based epoch the steps belong to
 * @param step steps trained so far, counted from the start of training (1-based, across epochs)
 * @param steps how many steps the loss is averaged over (the interval, or fewer at an epoch's end)
 * @param loss mean training loss of those steps (NaN or infinite once the training diverges)
 */
public record StepResult(String scenario, int epoch, long step, int steps, double loss) {}
