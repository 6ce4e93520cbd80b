package dev.scalinglab.bench;

/**
 * One row of the benchmark table; NaN where a number does not apply.
 *
 * @param section "machine", "train", "gemm", "parallel" or "startup"
 * @param implementation "djl", a PyTorch label such as "pytorch-debian", or what a machine row is
 * @param threads intra-op threads, 0 where it does not apply
 * @param batch images per step, 0 where it does not apply
 * @param seconds median epoch seconds over the rounds (train), the GEMM-limit seconds of the same
 *     FLOPs (gemm), the wall seconds of the parallel run, or seconds from process start (startup)
 * @param secondsMin fastest round
 * @param secondsMax slowest round
 * @param msPerStep milliseconds per SGD step at the median
 * @param gflopPerSecond arithmetic rate at the median (machine: the 1024×1024 GEMM rate)
 * @param xGemmLimit median seconds over the GEMM-limit seconds of the same FLOPs
 * @param ratio median over the rounds of djl's epoch seconds / this implementation's (PyTorch rows)
 * @param ratioMin smallest per-round ratio
 * @param ratioMax largest per-round ratio
 * @param valLoss validation loss after the rounds (a check that both loops train alike)
 * @param note what the row measures, or why it is missing
 */
public record BenchRow(
    String section,
    String implementation,
    int threads,
    int batch,
    double seconds,
    double secondsMin,
    double secondsMax,
    double msPerStep,
    double gflopPerSecond,
    double xGemmLimit,
    double ratio,
    double ratioMin,
    double ratioMax,
    double valLoss,
    String note) {

  /** Returns a row that carries only a number of seconds and a note. */
  public static BenchRow simple(
      String section, String implementation, int threads, int batch, double seconds, String note) {
    double nan = Double.NaN;
    return new BenchRow(
        section,
        implementation,
        threads,
        batch,
        seconds,
        nan,
        nan,
        nan,
        nan,
        nan,
        nan,
        nan,
        nan,
        nan,
        note);
  }
}
