package dev.scalinglab.cli;

import dev.scalinglab.model.ActivationKind;
import dev.scalinglab.model.InitKind;
import dev.scalinglab.model.ModelSpec;
import dev.scalinglab.model.NormKind;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The network options every training command shares (a picocli mixin). */
final class ModelOptions {

  @Option(
      names = "--layers",
      split = ",",
      paramLabel = "N,N,...",
      description = "Layer widths from 784 to 10 (default: 784,300,100,10).")
  List<Integer> layers = List.of(784, 300, 100, 10);

  @Option(
      names = "--activation",
      converter = ActivationConverter.class,
      description = "relu, leaky-relu, tanh, sigmoid or gelu (default: ${DEFAULT-VALUE}).")
  ActivationKind activation = ActivationKind.RELU;

  @Option(
      names = "--init",
      converter = InitConverter.class,
      description = {
        "glorot-normal, glorot-uniform, he-normal, he-uniform or lecun-normal for every layer",
        "(default: the question's, Glorot normal first and Glorot uniform after)."
      })
  InitKind init;

  @Option(
      names = "--norm",
      converter = NormConverter.class,
      description = "none, batch or layer, after each hidden layer (default: ${DEFAULT-VALUE}).")
  NormKind norm = NormKind.NONE;

  /** Returns the model; throws IllegalArgumentException (exit code 2) on bad widths. */
  ModelSpec model() {
    for (int width : layers) {
      if (width < 1) {
        throw new IllegalArgumentException(
            "--layers: a width must be >= 1, got " + width + " in " + layers);
      }
    }
    return ModelSpec.mlp(layers, activation, init, norm);
  }

  /** Whether the model is the question's. */
  boolean isDefault() {
    return layers.equals(List.of(784, 300, 100, 10))
        && activation == ActivationKind.RELU
        && init == null
        && norm == NormKind.NONE;
  }

  private static <T> T convert(Function<String, T> parse, String value) {
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  static final class ActivationConverter implements ITypeConverter<ActivationKind> {
    @Override
    public ActivationKind convert(String value) {
      return ModelOptions.convert(ActivationKind::parse, value);
    }
  }

  static final class InitConverter implements ITypeConverter<InitKind> {
    @Override
    public InitKind convert(String value) {
      return ModelOptions.convert(InitKind::parse, value);
    }
  }

  static final class NormConverter implements ITypeConverter<NormKind> {
    @Override
    public NormKind convert(String value) {
      return ModelOptions.convert(NormKind::parse, value);
    }
  }
}
