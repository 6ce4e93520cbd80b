package dev.scalinglab.bench;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.OptionalDouble;
import tech.tablesaw.api.Table;

/**
 * What a benchmark found.
 *
 * @param machine where it ran, with the load average before and after
 * @param table every row (the content of {@code bench.csv})
 * @param ratioLines one line per PyTorch column and thread count: the median ratio and its range
 * @param headline the median ratio djl/pytorch at batch 32, one thread, against the faster PyTorch
 * @param headlineLine the last line the command prints: {@code ratio djl/pytorch at batch 32: R}
 * @param chart epoch seconds per round at the first batch size, one line per implementation
 * @param markdown the README's performance table, with the machine and the spread
 */
public record BenchResult(
    Machine machine,
    Table table,
    List<String> ratioLines,
    OptionalDouble headline,
    String headlineLine,
    BufferedImage chart,
    String markdown) {}
