package dev.scalinglab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.scalinglab.data.Shuffle;
import dev.scalinglab.data.Split;

/**
 * One epoch's batches in the shuffled order of {@link Shuffle#permutation}; the last partial batch
 * is dropped. Rows are gathered by index from the training arrays a chunk of about {@value
 * #CHUNK_ROWS} rows at a time and split into per-step views, so a step makes no indexing call and
 * the epoch never holds a shuffled copy of the whole data set.
 */
public final class BatchOrder implements AutoCloseable {

  /** Rows gathered at once: large enough to amortise the gather, small next to the data set. */
  private static final int CHUNK_ROWS = 8192;

  private final NDArray pixels;
  private final float inputScale;
  private final NDArray y;
  private final NDArray order;
  private final NDManager manager;
  private final int batchSize;
  private final int steps;
  private final int stepsPerChunk;
  private NDManager chunkManager;
  private int chunkStart = -1;
  private NDList xs;
  private NDList ys;
  private NDList columns;

  private BatchOrder(
      NDArray pixels,
      float inputScale,
      NDArray y,
      NDArray order,
      NDManager manager,
      int batchSize) {
    this.pixels = pixels;
    this.inputScale = inputScale;
    this.y = y;
    this.order = order;
    this.manager = manager;
    this.batchSize = batchSize;
    this.steps = Math.toIntExact(order.size() / batchSize);
    this.stepsPerChunk = Math.max(1, CHUNK_ROWS / batchSize);
  }

  /**
   * Returns epoch {@code epoch}'s order (1-based) of the rows of {@code pixels} (raw, uint8) and
   * {@code y} for {@code seed}, with features at input scale {@code inputScale} ({@link
   * Split#scale}); its arrays live in a sub-manager of {@code parent}, released by {@link #close}.
   */
  public static BatchOrder shuffled(
      NDArray pixels,
      float inputScale,
      NDArray y,
      long seed,
      int epoch,
      int batchSize,
      NDManager parent) {
    int n = Math.toIntExact(pixels.getShape().get(0));
    int[] order = Shuffle.permutation(seed, epoch, n);
    long[] index = new long[n];
    for (int i = 0; i < n; i++) {
      index[i] = order[i];
    }
    NDManager manager = parent.newSubManager();
    return new BatchOrder(pixels, inputScale, y, manager.create(index), manager, batchSize);
  }

  /** Returns the number of full batches. */
  public int steps() {
    return steps;
  }

  /** Returns step {@code step}'s batch (0-based; fastest when steps are taken in order). */
  public Batch batch(int step) {
    if (step < 0 || step >= steps) {
      throw new IllegalArgumentException("batch " + step + " is not in 0.." + (steps - 1));
    }
    if (chunkStart < 0 || step < chunkStart || step >= chunkStart + stepsPerChunk) {
      gatherChunk(step - step % stepsPerChunk);
    }
    int i = step - chunkStart;
    return new Batch(xs.get(i), ys.get(i), columns.get(i));
  }

  private void gatherChunk(int firstStep) {
    if (chunkManager != null) {
      chunkManager.close();
    }
    chunkManager = manager.newSubManager();
    chunkStart = firstStep;
    int count = Math.min(stepsPerChunk, steps - firstStep);
    long from = (long) firstStep * batchSize;
    long to = from + (long) count * batchSize;
    NDArray rows = order.get(chunkManager, new NDIndex().addSliceDim(from, to));
    NDIndex gather = new NDIndex("{}", rows);
    // Scaled per chunk, elementwise as Split.features scales: the same floats, no whole copy.
    NDArray chunkX;
    try (NDArray chunkPixels = pixels.get(chunkManager, gather)) {
      chunkX = Split.scale(chunkPixels, inputScale);
    }
    NDArray chunkY = y.get(chunkManager, gather);
    long[] cuts = new long[count - 1];
    for (int i = 1; i < count; i++) {
      cuts[i - 1] = (long) i * batchSize;
    }
    xs = chunkX.split(cuts);
    ys = chunkY.split(cuts);
    columns = chunkY.reshape(-1, 1).split(cuts);
  }

  /** Releases the order and the gathered batches. */
  @Override
  public void close() {
    manager.close();
  }
}
