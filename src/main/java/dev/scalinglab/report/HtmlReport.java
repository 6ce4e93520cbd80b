package dev.scalinglab.report;

import dev.scalinglab.train.History;
import dev.scalinglab.train.Scenario;
import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A self-contained HTML page of a run: the question in brief, the summary and history tables, and
 * the charts embedded as PNG data, so it opens offline and can be mailed as one file.
 */
public final class HtmlReport {

  private final String title;
  private final String settings;
  private final History history;
  private final Map<String, BufferedImage> charts = new LinkedHashMap<>();
  private List<Scenario> scenarios = List.of();

  /** Creates a report of {@code history}; {@code settings} describes the run in one line. */
  public HtmlReport(String title, String settings, History history) {
    this.title = title;
    this.settings = settings;
    this.history = history;
  }

  /** Lists {@code scenarios} (name, description, learning-rate factors) under the run line. */
  public HtmlReport setScenarios(List<Scenario> scenarios) {
    this.scenarios = List.copyOf(scenarios);
    return this;
  }

  /** Adds a chart with a caption; charts appear in the order added. */
  public HtmlReport addChart(String caption, BufferedImage image) {
    charts.put(caption, image);
    return this;
  }

  /** Returns the page. */
  public String html() {
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;max-width:1320px;margin:2em auto;color:#222}\n")
        .append("table{border-collapse:collapse;margin:1em 0;font-size:14px}\n")
        .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}\n")
        .append("th{background:#f0f0f0} figure{margin:1em 0} img{max-width:100%}\n")
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n<p>An MLP 784-300-100-10 learns Fashion-MNIST. Scenario A")
        .append(" divides the pixels by 255; B keeps raw pixels and divides the first layer's")
        .append(
            " Glorot weights by 255, so both compute the same logits at step 0. B's first-layer")
        .append(" gradient is 255× larger; with SGD each step moves its pre-activations 255²")
        .append(" times more. C gives B's first-layer kernel the exact compensation for the")
        .append(" optimizer (lr/255² for SGD and momentum, lr/255 for Adam) and retraces A;")
        .append(" D (global lr/255²) and E (first layer lr/255) do not.</p>\n<p><b>Run:</b> ")
        .append(escape(settings))
        .append("</p>\n");
    if (!scenarios.isEmpty()) {
      page.append("<h2>Scenarios</h2>\n").append(Tables.html(Scenario.table(scenarios)));
    }
    page.append("\n<h2>Summary</h2>\n")
        .append(Tables.html(history.summary()))
        .append("\n<h2>Charts</h2>\n");
    for (Map.Entry<String, BufferedImage> chart : charts.entrySet()) {
      page.append("<figure><img alt=\"")
          .append(escape(chart.getKey()))
          .append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(Charts.png(chart.getValue())))
          .append("\"><figcaption>")
          .append(escape(chart.getKey()))
          .append("</figcaption></figure>\n");
    }
    page.append("<h2>History</h2>\n")
        .append(Tables.html(history.table()))
        .append("\n</body>\n</html>\n");
    return page.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
