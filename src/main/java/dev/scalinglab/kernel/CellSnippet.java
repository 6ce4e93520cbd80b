package dev.scalinglab.kernel;

/**
 * One JShell snippet cut from a cell.
 *
 * @param source the snippet text given to JShell
 * @param start offset of {@code source} in the cell
 * @param complete false if the cell ended before the snippet did
 */
record CellSnippet(String source, int start, boolean complete) {

  /** Returns the 1-based cell line of {@code offset} within this snippet's source. */
  int cellLine(String cell, int offset) {
    int end = Math.min(cell.length(), start + Math.max(0, offset));
    int line = 1;
    for (int i = 0; i < end; i++) {
      if (cell.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
