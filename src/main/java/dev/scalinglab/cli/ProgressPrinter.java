package dev.scalinglab.cli;

import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a line per finished epoch and, on a terminal, a live bar per running scenario on one line
 * that each epoch line replaces.
 */
final class ProgressPrinter implements TrainingListener {

  private static final int BAR = 20;

  private final PrintWriter out;
  private final boolean terminal;
  private final int epochs;
  private final Map<String, String> bars = new TreeMap<>();

  ProgressPrinter(PrintWriter out, boolean terminal, int epochs) {
    this.out = out;
    this.terminal = terminal;
    this.epochs = epochs;
  }

  @Override
  public void onProgress(String scenario, int epoch, int step, int steps) {
    if (!terminal) {
      return;
    }
    int filled = (int) ((long) BAR * step / steps);
    bars.put(
        scenario,
        String.format(
            Locale.ROOT,
            "%s %d/%d [%s%s] %3d%%",
            scenario,
            epoch,
            epochs,
            "#".repeat(filled),
            ".".repeat(BAR - filled),
            100 * step / steps));
    out.print("\r" + String.join("  ", bars.values()) + "\u001b[K");
    out.flush();
  }

  @Override
  public void onEpoch(EpochResult r) {
    bars.remove(r.scenario());
    if (terminal) {
      out.print("\r\u001b[K");
    }
    out.println(
        String.format(
            Locale.ROOT,
            "%-3s epoch %2d/%d  loss %10.4g  acc %.4f  val_loss %10.4g  val_acc %.4f"
                + "  dead_relu %.3f  %5.1fs%s",
            r.scenario(),
            r.epoch(),
            epochs,
            r.loss(),
            r.accuracy(),
            r.valLoss(),
            r.valAccuracy(),
            r.deadRelu(),
            r.seconds(),
            r.diverged() ? "  DIVERGED: stopped" : ""));
    out.flush();
  }
}
