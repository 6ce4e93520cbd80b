package dev.scalinglab.report;

import dev.scalinglab.train.History;
import dev.scalinglab.train.Scenario;
import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;

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
    // jsoup (Tablesaw's HTML writer brings it) builds the page: text() and attr() escape, so no
    // string of the run (a title, a --data path with '<' or '&') can break the markup.
    Document page = Document.createShell("");
    page.prependChild(new DocumentType("html", "", ""));
    page.selectFirst("html").attr("lang", "en");
    page.head().appendElement("meta").attr("charset", "utf-8");
    page.title(title);
    page.head().appendElement("style").appendChild(new DataNode(STYLE));
    Element body = page.body();
    body.appendElement("h1").text(title);
    body.appendElement("p").text(INTRO);
    Element run = body.appendElement("p");
    run.appendElement("b").text("Run:");
    run.appendText(" " + settings);
    if (!scenarios.isEmpty()) {
      body.appendElement("h2").text("Scenarios");
      body.append(Tables.html(Scenario.table(scenarios)));
    }
    body.appendElement("h2").text("Summary");
    body.append(Tables.html(history.summary()));
    body.appendElement("h2").text("Charts");
    for (Map.Entry<String, BufferedImage> chart : charts.entrySet()) {
      Element figure = body.appendElement("figure");
      figure
          .appendElement("img")
          .attr("alt", chart.getKey())
          .attr(
              "src",
              "data:image/png;base64,"
                  + Base64.getEncoder().encodeToString(Charts.png(chart.getValue())));
      figure.appendElement("figcaption").text(chart.getKey());
    }
    body.appendElement("h2").text("History");
    body.append(Tables.html(history.table()));
    return page.outerHtml() + "\n";
  }

  private static final String STYLE =
      """
      body{font-family:sans-serif;max-width:1320px;margin:2em auto;color:#222}
      table{border-collapse:collapse;margin:1em 0;font-size:14px}
      th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}
      th{background:#f0f0f0} figure{margin:1em 0} img{max-width:100%}
      """;

  private static final String INTRO =
      "An MLP 784-300-100-10 learns Fashion-MNIST. Scenario A divides the pixels by 255; B keeps"
          + " raw pixels and divides the first layer's Glorot weights by 255, so both compute the"
          + " same logits at step 0. B's first-layer gradient is 255× larger; with SGD each step"
          + " moves its pre-activations 255² times more. C gives B's first-layer kernel the exact"
          + " compensation for the optimizer (lr/255² for SGD and momentum, lr/255 for Adam) and"
          + " retraces A; D (global lr/255²) and E (first layer lr/255) do not.";
}
