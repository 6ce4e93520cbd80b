package dev.scalinglab.model;

import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import java.util.Locale;
import java.util.Optional;

/** Normalization after a hidden layer's Linear (before its activation): none, batch or layer. */
public enum NormKind {
  /** No normalization: the question's network. */
  NONE("none"),
  /** DJL's {@link BatchNorm} over the batch (running statistics at evaluation). */
  BATCH("batch"),
  /** DJL's {@link LayerNorm} over each image's units. */
  LAYER("layer");

  private final String cliName;

  NormKind(String cliName) {
    this.cliName = cliName;
  }

  /** Returns a new normalization block, or empty for {@link #NONE}. */
  public Optional<Block> block() {
    return switch (this) {
      case NONE -> Optional.empty();
      case BATCH -> Optional.of(BatchNorm.builder().build());
      case LAYER -> Optional.of(LayerNorm.builder().axis(1).build());
    };
  }

  /** Returns the normalization named {@code name} (none, batch, layer; any case). */
  public static NormKind parse(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (NormKind kind : values()) {
      if (kind.cliName.equals(key)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "Unknown normalization '" + name + "': use one of " + ActivationKind.names(values()));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
