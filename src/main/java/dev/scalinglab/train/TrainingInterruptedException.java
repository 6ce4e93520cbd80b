package dev.scalinglab.train;

/** Thrown when a training's thread is interrupted; says how many epochs were completed. */
public final class TrainingInterruptedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int epochsCompleted;

  /** Creates the exception for a scenario stopped after {@code epochsCompleted} full epochs. */
  public TrainingInterruptedException(String scenario, int epochsCompleted) {
    super(
        "Training of "
            + scenario
            + " was interrupted after "
            + epochsCompleted
            + " completed epoch(s)");
    this.epochsCompleted = epochsCompleted;
  }

  private TrainingInterruptedException(int epochsCompleted, String message) {
    super(message);
    this.epochsCompleted = epochsCompleted;
  }

  /**
   * Returns the exception for several scenarios stopped at once: {@code message} says what each
   * completed, {@code epochsCompleted} is what all of them did.
   */
  public static TrainingInterruptedException withMessage(String message, int epochsCompleted) {
    return new TrainingInterruptedException(epochsCompleted, message);
  }

  /** Returns how many full epochs finished before the interrupt. */
  public int epochsCompleted() {
    return epochsCompleted;
  }
}
