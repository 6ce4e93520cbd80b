package dev.scalinglab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One step's images, labels, and labels as a (batch, 1) column (the loss's pick then needs no
 * reshape); views into a {@link BatchOrder}'s chunk.
 *
 * @param x features, shape (batch, 784)
 * @param y labels, shape (batch)
 * @param column the labels shaped (batch, 1)
 */
public record Batch(NDArray x, NDArray y, NDArray column) {

  /**
   * Moves the views to {@code manager}: every result a step computes from them then belongs to it
   * too (results join their first operand's manager) and goes when it closes.
   */
  public void attach(NDManager manager) {
    x.attach(manager);
    y.attach(manager);
    column.attach(manager);
  }
}
