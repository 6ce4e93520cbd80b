package dev.scalinglab.kernel;

import java.util.List;

/** A snippet of the cell did not compile. */
public class CompilationException extends CellException {
  /** Creates a compilation failure with its message and readable lines. */
  public CompilationException(String message, List<String> traceback) {
    super(message, traceback);
  }
}
