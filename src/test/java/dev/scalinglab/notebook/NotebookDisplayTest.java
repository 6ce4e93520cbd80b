package dev.scalinglab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

class NotebookDisplayTest {

  private final Renderer renderer = new Renderer();

  private static History history() {
    History h = new History();
    h.add(new EpochResult("A", 1, 0.72, 0.76, 0.53, 0.81, 0.0, 2.1, false));
    h.add(new EpochResult("B", 1, 3.1e4, 0.10, 2.32, 0.09, 0.99, 2.0, false));
    return h;
  }

  @Test
  void tableRendersAsHtmlAndText() {
    DisplayData data = renderer.render(HtmlTable.of(history().summary()));
    String html = (String) data.getData(MIMEType.TEXT_HTML);
    assertTrue(html.contains("<table") && html.contains("final_val_accuracy"), html);
    assertTrue(((String) data.getData(MIMEType.TEXT_PLAIN)).contains("0.8100"));
    assertFalse(data.hasDataForType(MIMEType.IMAGE_PNG));
  }

  @Test
  void liveHistoryDisplaysOnceAndUpdatesEachEpoch() {
    List<Object> shown = new ArrayList<>();
    List<String> updates = new ArrayList<>();
    LiveHistory live =
        new LiveHistory(
            o -> {
              shown.add(o);
              return "display-1";
            },
            (id, o) -> updates.add(id));
    assertEquals(1, shown.size());
    DisplayData empty = renderer.render(live);
    assertTrue(((String) empty.getData(MIMEType.TEXT_PLAIN)).contains("waiting"));
    for (EpochResult r : history().rows()) {
      live.onEpoch(r);
    }
    assertEquals(List.of("display-1", "display-1"), updates);
    DisplayData data = renderer.render(live);
    byte[] png = Base64.getDecoder().decode((String) data.getData(MIMEType.IMAGE_PNG));
    assertEquals('P', png[1]);
    assertTrue(
        ((String) data.getData(MIMEType.TEXT_HTML)).contains("<img src=\"data:image/png;base64,"));
    assertEquals(2, live.history().rows().size());
  }

  @Test
  void paramsFallBackWhenUnset() {
    assertEquals(5, Params.integer("SCALING_LAB_SURELY_UNSET_VARIABLE", 5));
    assertEquals(0.01, Params.decimal("SCALING_LAB_SURELY_UNSET_VARIABLE", 0.01));
    assertEquals("A,B", Params.text("SCALING_LAB_SURELY_UNSET_VARIABLE", "A,B"));
  }

  @Test
  void registeredRenderersShowLibraryValuesAsTheyAre() {
    Renderer registry = new Renderer();
    Notebook.register(registry);
    Notebook.register(registry);
    DisplayData table = registry.render(history());
    String html = (String) table.getData(MIMEType.TEXT_HTML);
    assertTrue(html.contains("<table") && html.contains("val_accuracy"), html);
    assertTrue(((String) table.getData(MIMEType.TEXT_PLAIN)).contains("0.8100"));
    DisplayData summary = registry.render(history().summary());
    assertTrue(((String) summary.getData(MIMEType.TEXT_HTML)).contains("final_val_accuracy"));
    org.knowm.xchart.XYChart chart =
        dev.scalinglab.report.Charts.chart(history(), dev.scalinglab.report.Metric.LOSS);
    DisplayData plot = registry.render(chart);
    byte[] png = Base64.getDecoder().decode((String) plot.getData(MIMEType.IMAGE_PNG));
    assertEquals('P', png[1]);
    assertFalse(plot.hasDataForType(MIMEType.TEXT_HTML));
  }

  @Test
  void withoutRegistrationAHistoryIsPlainText() {
    DisplayData data = renderer.render(history());
    assertFalse(data.hasDataForType(MIMEType.TEXT_HTML));
  }
}
