package dev.scalinglab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.experiment.Scenarios;
import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** The report page, read back by an HTML parser: text stays text, images decode, tables count. */
class HtmlReportTest {

  private static History history() {
    History h = new History();
    h.add(new EpochResult("A", 1, 0.72, 0.76, 0.53, 0.81, 0, 2, false));
    h.add(new EpochResult("B", 1, 3.1e4, 0.1, 2.3, 0.09, 0.99, 2, false));
    return h;
  }

  @Test
  void markupInRunTextStaysTextAndChartsArePngs() {
    String settings = "--data /tmp/<script>alert(1)</script> & \"quotes\"";
    BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
    String html =
        new HtmlReport("A < B & C", settings, history())
            .setScenarios(List.of(Scenarios.a(), Scenarios.b()))
            .addChart("loss \"per\" <epoch>", image)
            .html();
    Document page = Jsoup.parse(html);
    assertEquals("html", page.documentType().name());
    assertEquals("A < B & C", page.title());
    assertEquals("A < B & C", page.selectFirst("h1").text());
    assertTrue(page.select("script").isEmpty(), "the settings' <script> is text, not an element");
    assertEquals("Run: " + settings, page.select("p").get(1).text());
    // Scenarios, summary and history.
    assertEquals(3, page.select("table").size());
    assertEquals(
        List.of("Scenarios", "Summary", "Charts", "History"),
        page.select("h2").stream().map(Element::text).toList());
    Element img = page.selectFirst("figure img");
    assertEquals("loss \"per\" <epoch>", img.attr("alt"));
    assertEquals("loss \"per\" <epoch>", page.selectFirst("figcaption").text());
    String src = img.attr("src");
    assertTrue(src.startsWith("data:image/png;base64,"), src);
    byte[] png = Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
    assertArrayEquals(
        new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "a PNG signature");
  }

  @Test
  void anEmptyTableSaysWhatItIsWithItsNameEscaped() {
    Table empty = Table.create("runs <none>", DoubleColumn.create("loss"));
    Document fragment = Jsoup.parseBodyFragment(Tables.html(empty));
    assertEquals("runs <none> (no rows)", fragment.selectFirst("p > em").text());
    assertEquals(1, fragment.select("table").size());
  }
}
