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

  @Test
  void paramsTakeTheEnvironmentsValuesAndNameABadOne() throws Exception {
    java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
    env.put("SL_T_EPOCHS", " 7 ");
    env.put("SL_T_SEED", "-3");
    env.put("SL_T_LR", "0.5");
    env.put("SL_T_SCENARIOS", "A,C");
    env.put("SL_T_BLANK", "   ");
    env.put("SL_T_BAD_INT", "five");
    env.put("SL_T_TOO_BIG", "99999999999");
    env.put("SL_T_BAD_LONG", "4.2");
    env.put("SL_T_BAD_DECIMAL", "0,01");
    env.put("SL_T_TWO_LINES", "1\n2");
    env.put("SL_T_NAN", "NaN");
    List<String> lines =
        probe(
            env,
            "integer",
            "SL_T_EPOCHS",
            "long",
            "SL_T_SEED",
            "decimal",
            "SL_T_LR",
            "text",
            "SL_T_SCENARIOS",
            "integer",
            "SL_T_BLANK",
            "text",
            "SL_T_BLANK",
            "integer",
            "SL_T_UNSET",
            "integer",
            "SL_T_BAD_INT",
            "integer",
            "SL_T_TOO_BIG",
            "long",
            "SL_T_BAD_LONG",
            "decimal",
            "SL_T_BAD_DECIMAL",
            "integer",
            "SL_T_TWO_LINES",
            "decimal",
            "SL_T_NAN");
    assertEquals(
        List.of(
            "SL_T_EPOCHS=7",
            "SL_T_SEED=-3",
            "SL_T_LR=0.5",
            "SL_T_SCENARIOS=A,C",
            "SL_T_BLANK=-1",
            "SL_T_BLANK=fallback",
            "SL_T_UNSET=-1",
            "SL_T_BAD_INT! Environment variable SL_T_BAD_INT=five is not an integer",
            "SL_T_TOO_BIG! Environment variable SL_T_TOO_BIG=99999999999 is not an integer",
            "SL_T_BAD_LONG! Environment variable SL_T_BAD_LONG=4.2 is not an integer",
            "SL_T_BAD_DECIMAL! Environment variable SL_T_BAD_DECIMAL=0,01 is not a number"),
        lines.subList(0, 11));
    // A value with a line break still gives one line naming the variable.
    assertEquals(13, lines.size(), String.join("\n", lines));
    assertEquals(
        "SL_T_TWO_LINES! Environment variable SL_T_TWO_LINES=1\\n2 is not an integer",
        lines.get(11));
    assertEquals(
        "SL_T_NAN! Environment variable SL_T_NAN=NaN is not a finite number", lines.get(12));
  }

  /** Runs {@link ParamsProbe} with {@code env} added to this process's environment. */
  private static List<String> probe(java.util.Map<String, String> env, String... calls)
      throws Exception {
    java.nio.file.Path log = java.nio.file.Files.createTempFile("params-probe", ".log");
    try {
      List<String> command = new ArrayList<>();
      command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-cp", System.getProperty("java.class.path")));
      command.add(ParamsProbe.class.getName());
      command.addAll(List.of(calls));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env);
      Process child = builder.start();
      boolean ended = child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
      if (!ended) {
        child.destroyForcibly();
      }
      String output = java.nio.file.Files.readString(log);
      assertTrue(ended, "probe did not finish: " + output);
      assertEquals(0, child.exitValue(), output);
      return output.lines().toList();
    } finally {
      java.nio.file.Files.delete(log);
    }
  }

  @Test
  void withoutAKernelLiveHistorySaysSoOnceAndPrintsALinePerEpoch() {
    java.io.PrintStream old = System.out;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      LiveHistory live = LiveHistory.show();
      history().rows().forEach(live::onEpoch);
    } finally {
      System.setOut(old);
    }
    List<String> lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    assertEquals(3, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).contains("cannot update a display"), lines.get(0));
    assertTrue(lines.get(1).startsWith("A epoch 1") && lines.get(1).contains("val_acc 0.8100"));
    assertTrue(lines.get(2).startsWith("B epoch 1"), lines.get(2));
  }
}
