package dev.scalinglab.report;

import dev.scalinglab.train.History;
import dev.scalinglab.train.Scenario;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes a run's files: {@code history.csv}, one PNG per metric and {@code report.html}. */
public final class ResultFiles {

  private ResultFiles() {}

  /**
   * Writes everything into {@code dir} (created if needed) and returns the paths written.
   *
   * @param settings one line describing the run, shown in the report
   */
  public static List<Path> write(Path dir, History history, String settings) throws IOException {
    return write(dir, history, settings, List.of(), Map.of());
  }

  /** Writes everything; the report lists {@code scenarios} (what each one is). */
  public static List<Path> write(
      Path dir, History history, String settings, List<Scenario> scenarios) throws IOException {
    return write(dir, history, settings, scenarios, Map.of());
  }

  /**
   * Writes everything, plus {@code extraCharts} (file name without {@code .png} → image), which are
   * saved as PNGs and shown first in the report; the report lists {@code scenarios}.
   */
  public static List<Path> write(
      Path dir,
      History history,
      String settings,
      List<Scenario> scenarios,
      Map<String, BufferedImage> extraCharts)
      throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    Path csv = dir.resolve("history.csv");
    history.table().write().csv(csv.toFile());
    written.add(csv);
    HtmlReport report =
        new HtmlReport("scaling-lab: input scale and SGD", settings, history)
            .setScenarios(scenarios);
    for (Map.Entry<String, BufferedImage> extra : extraCharts.entrySet()) {
      Path png = dir.resolve(extra.getKey() + ".png");
      Charts.savePng(extra.getValue(), png);
      written.add(png);
      report.addChart(extra.getKey().replace('_', ' '), extra.getValue());
    }
    for (Metric metric :
        List.of(Metric.LOSS, Metric.VAL_ACCURACY, Metric.VAL_LOSS, Metric.DEAD_RELU)) {
      var image = Charts.metric(history, metric);
      Path png = dir.resolve(metric.column() + ".png");
      Charts.savePng(image, png);
      written.add(png);
      report.addChart(metric.label() + " per epoch and scenario", image);
    }
    Path html = dir.resolve("report.html");
    Files.writeString(html, report.html(), StandardCharsets.UTF_8);
    written.add(html);
    return written;
  }
}
