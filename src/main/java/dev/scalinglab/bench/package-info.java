/**
 * The {@code bench} command's measurements: our training loop ({@link
 * dev.scalinglab.bench.DjlBenchmark}), the same loop in eager PyTorch from Python ({@link
 * dev.scalinglab.bench.TorchBenchmark}, script {@code src/main/python/bench_torch.py}), and the
 * arithmetic limit ({@link dev.scalinglab.bench.GemmBenchmark}), gathered in one table ({@link
 * dev.scalinglab.bench.BenchTable}).
 *
 * <p>Both loops start from the same weights (Java writes them for the script), see the same batch
 * order, and run on one intra-op thread; the {@code val_loss} column checks they trained alike. The
 * PyTorch column needs Debian's {@code python3} and {@code python3-torch} (which brings {@code
 * python3-numpy}); without them its rows say why, and the ratio line reads {@code n/a}.
 */
package dev.scalinglab.bench;
