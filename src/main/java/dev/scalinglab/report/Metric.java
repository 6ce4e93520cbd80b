package dev.scalinglab.report;

import dev.scalinglab.train.EpochResult;
import java.util.function.ToDoubleFunction;

/** A per-epoch quantity that can be plotted, with its column name and axis label. */
public enum Metric {
  /** Mean training loss. */
  LOSS("loss", "training loss", EpochResult::loss, true),
  /** Training accuracy. */
  ACCURACY("accuracy", "training accuracy", EpochResult::accuracy, false),
  /** Validation loss. */
  VAL_LOSS("val_loss", "validation loss", EpochResult::valLoss, false),
  /** Validation accuracy. */
  VAL_ACCURACY("val_accuracy", "validation accuracy", EpochResult::valAccuracy, false),
  /** Fraction of dead first-layer ReLUs. */
  DEAD_RELU("dead_relu", "dead first-layer ReLUs (fraction)", EpochResult::deadRelu, false);

  private final String column;
  private final String label;
  private final ToDoubleFunction<EpochResult> value;
  private final boolean logScale;

  Metric(String column, String label, ToDoubleFunction<EpochResult> value, boolean logScale) {
    this.column = column;
    this.label = label;
    this.value = value;
    this.logScale = logScale;
  }

  /** Returns the history column name. */
  public String column() {
    return column;
  }

  /** Returns the axis label. */
  public String label() {
    return label;
  }

  /** Returns the metric's value in a row. */
  public double of(EpochResult row) {
    return value.applyAsDouble(row);
  }

  /** Returns whether the metric spans orders of magnitude and is best plotted on a log axis. */
  public boolean logScale() {
    return logScale;
  }
}
