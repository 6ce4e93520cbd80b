package dev.scalinglab.bench;

/**
 * One row of the benchmark table; NaN where a number does not apply.
 *
 * @param section "train", "gemm", "parallel" or "startup"
 * @param implementation "djl" or "pytorch"
 * @param batch images per step, 0 where it does not apply
 * @param seconds median epoch time (train), the GEMM-limit time of the same FLOPs (gemm), the wall
 *     time of the parallel run, or seconds from process start (startup)
 * @param samplesPerSecond training images per second
 * @param msPerStep milliseconds per SGD step
 * @param gflopPerSecond arithmetic rate achieved
 * @param xGemmLimit seconds divided by the GEMM-limit seconds of the same FLOPs
 * @param valLoss validation loss after the timed epochs (a check that both loops train alike)
 * @param note what the row measures, or why it is missing
 */
public record BenchRow(
    String section,
    String implementation,
    int batch,
    double seconds,
    double samplesPerSecond,
    double msPerStep,
    double gflopPerSecond,
    double xGemmLimit,
    double valLoss,
    String note) {

  /** Returns a row that carries only a time and a note (startup, parallel, missing). */
  public static BenchRow simple(
      String section, String implementation, int batch, double seconds, String note) {
    return new BenchRow(
        section,
        implementation,
        batch,
        seconds,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        note);
  }
}
