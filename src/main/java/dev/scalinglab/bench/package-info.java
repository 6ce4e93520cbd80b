/**
 * The {@code bench} command's measurements: our training loop against the same loop in eager
 * PyTorch from Python (script {@code src/main/python/bench_torch.py}) and against the arithmetic
 * limit, gathered in one table.
 *
 * <p>Both loops start from the same weights (Java writes them for the script), see the same batch
 * order, and run on one intra-op thread; the {@code val_loss} column checks they trained alike. The
 * PyTorch column needs Debian's {@code python3} and {@code python3-torch} (which brings {@code
 * python3-numpy}); without them its rows say why, and the ratio line reads {@code n/a}. Measured
 * numbers live in the README's generated section ({@code bench --readme README.md}), not here.
 *
 * <p>What each file is for:
 *
 * <ul>
 *   <li>{@link dev.scalinglab.bench.Benchmark}: the entry point; runs the rounds, interleaving the
 *       implementations, and gathers {@code Measurements}.
 *   <li>{@link dev.scalinglab.bench.BenchConfig}: what to benchmark (batch sizes, threads, rounds,
 *       Pythons), validated.
 *   <li>{@code DjlBenchmark}: our loop, one trainer per (batch, threads) on its own engine thread.
 *   <li>{@code TorchWorker}: the PyTorch loop, a long-lived {@code bench_torch.py} process spoken
 *       to in JSON lines; {@code ChildOutput} reads its output with bounded memory and waits;
 *       {@link dev.scalinglab.bench.TorchSource} says which Pythons; {@link
 *       dev.scalinglab.bench.TorchUnavailableException} why one cannot run.
 *   <li>{@link dev.scalinglab.bench.GemmBenchmark} and {@link dev.scalinglab.bench.Flops}: the
 *       arithmetic limit (a large matMul's GFLOP/s, a step's FLOPs).
 *   <li>{@link dev.scalinglab.bench.Machine}: CPU, cores and GEMM rates; {@code Machine.Load} the
 *       load average before and after.
 *   <li>{@code Measurements}: what a run measured, immutable; {@code BenchReport} turns it into the
 *       table, the ratio lines and the chart; {@code BenchMarkdown} into the README's table.
 *   <li>{@link dev.scalinglab.bench.BenchTable}: one record type per section (train, gemm,
 *       parallel, startup; the machine's rows come from {@code Machine}) and the table they make,
 *       {@code bench.csv}.
 *   <li>{@link dev.scalinglab.bench.BenchResult}: what {@code Benchmark.run} returns.
 *   <li>{@link dev.scalinglab.bench.Spread}: the median of repeated timings and their range.
 *   <li>{@link dev.scalinglab.bench.ReadmeSection}: replaces the generated section of the README.
 *   <li>{@link dev.scalinglab.bench.StepProfile}: {@code bench --profile-step}, where one step's
 *       time goes (libtorch ops, Java bytes).
 * </ul>
 */
package dev.scalinglab.bench;
