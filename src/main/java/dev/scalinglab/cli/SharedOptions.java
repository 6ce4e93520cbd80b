package dev.scalinglab.cli;

import dev.scalinglab.data.DataSource;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.engine.EngineSetup;
import dev.scalinglab.train.OptimizerKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options every training command shares (a picocli mixin), and loading the data they name. */
final class SharedOptions {

  @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch = 32;

  @Option(
      names = "--seed",
      description = "Seed of weights and batch order (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(
      names = "--optimizer",
      converter = OptimizerConverter.class,
      description =
          "sgd, momentum or adam; compensation uses the exact rule for it (default: ${DEFAULT-VALUE}).")
  OptimizerKind optimizer = OptimizerKind.SGD;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = {
        "Directory with the four Fashion-MNIST .gz files. Default: $SCALING_LAB_DATA,",
        "then /usr/share/datasets/fashion-mnist, then DJL's download."
      })
  Path data;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where to write results (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("results");

  /** Parses --optimizer with {@link OptimizerKind#parse}'s message. */
  static final class OptimizerConverter implements ITypeConverter<OptimizerKind> {
    @Override
    public OptimizerKind convert(String value) {
      try {
        return OptimizerKind.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Creates {@code --out} if missing; throws a usage error now, before training, if unusable. */
  void prepareOut() {
    OutputDirectory.prepare(out);
  }

  /** Starts the engine and loads the data, printing a line about each. */
  FashionMnistData loadData(PrintWriter stdout) {
    stdout.println("engine: " + EngineSetup.describe());
    long start = System.nanoTime();
    FashionMnistData dataset = FashionMnistData.load(DataSource.locate(data));
    stdout.printf(
        Locale.ROOT,
        "data: %s, loaded in %.1fs%n",
        dataset.source(),
        (System.nanoTime() - start) / 1e9);
    return dataset;
  }
}
