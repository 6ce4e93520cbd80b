package dev.scalinglab.kernel;

import java.util.List;

/** A snippet of the cell threw, was interrupted or ran out of time. */
public class EvaluationException extends CellException {
  /** Creates a run-time failure with its message and readable lines. */
  public EvaluationException(String message, List<String> traceback) {
    super(message, traceback);
  }
}
