package dev.scalinglab.notebook;

import dev.scalinglab.jupyter.NotebookKernel;
import dev.scalinglab.report.Charts;
import dev.scalinglab.report.Tables;
import dev.scalinglab.train.History;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Lets a cell end with a library value — a {@link History}, a Tablesaw {@link Table}, an XChart
 * chart — and shows it as a table or a plot, by registering renderers (keyed by type and MIME type)
 * in the kernel's renderer registry. This project's kernel and JJava install it by themselves (a
 * jjava {@link Extension}, listed in META-INF/services); elsewhere call {@link #setup()} once.
 */
public final class Notebook implements Extension {
  private static final Set<Renderer> DONE = Collections.newSetFromMap(new WeakHashMap<>());

  private static final Set<NotebookKernel> SET_UP = Collections.newSetFromMap(new WeakHashMap<>());

  /**
   * Registers the renderers in the running kernel, once: JJava-family kernels through their
   * renderer registry (where the extension already did it, nothing happens), IJava through the
   * display layer; without a kernel it does nothing. The notebooks' parameters cell calls it (see
   * {@link Params}), because IJava has no extension mechanism.
   */
  public static void setup() {
    NotebookKernel kernel = NotebookKernel.current();
    if ("jjava".equals(kernel.name())) {
      register(BaseKernel.notebookKernel().getRenderer());
      return;
    }
    synchronized (SET_UP) {
      if (!SET_UP.add(kernel)) {
        return;
      }
    }
    List<String> table = List.of("text/html", "text/plain");
    kernel.registerRenderer(Table.class, table, Notebook::tableBundle);
    kernel.registerRenderer(History.class, table, h -> tableBundle(h.table()));
    kernel.registerRenderer(HtmlTable.class, table, t -> tableBundle(t.table()));
    kernel.registerRenderer(
        LiveHistory.class, List.of("text/html", "image/png", "text/plain"), LiveHistory::bundle);
    kernel.registerRenderer(
        Chart.class, List.of("image/png", "text/plain"), c -> chartBundle((Chart<?, ?>) c));
  }

  private static Map<String, Object> tableBundle(Table table) {
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put("text/html", Tables.html(table));
    bundle.put("text/plain", Tables.text(table));
    return bundle;
  }

  private static Map<String, Object> chartBundle(Chart<?, ?> chart) {
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put(
        "image/png",
        Base64.getEncoder().encodeToString(Charts.png(BitmapEncoder.getBufferedImage(chart))));
    bundle.put("text/plain", chart.getClass().getSimpleName() + " \"" + chart.getTitle() + "\"");
    return bundle;
  }

  /** Installs the renderers when a JJava-family kernel loads this jar's extensions. */
  @Override
  public void install(BaseKernel kernel) {
    register(kernel.getRenderer());
  }

  /** Registers the library's renderers in {@code renderer}; registering twice does nothing. */
  public static void register(Renderer renderer) {
    synchronized (DONE) {
      if (!DONE.add(renderer)) {
        return;
      }
    }
    renderer
        .createRegistration(Table.class)
        .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
        .register(Notebook::renderTable);
    renderer
        .createRegistration(History.class)
        .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
        .register((history, context) -> renderTable(history.table(), context));
    renderer
        .createRegistration(Chart.class)
        .preferring(MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
        .register(Notebook::renderChart);
  }

  private static void renderTable(Table table, RenderContext context) {
    context.renderIfRequested(MIMEType.TEXT_HTML, () -> Tables.html(table));
    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Tables.text(table));
  }

  private static void renderChart(Chart<?, ?> chart, RenderContext context) {
    context.renderIfRequested(
        MIMEType.IMAGE_PNG,
        () ->
            Base64.getEncoder().encodeToString(Charts.png(BitmapEncoder.getBufferedImage(chart))));
    context.renderIfRequested(
        MIMEType.TEXT_PLAIN,
        () -> chart.getClass().getSimpleName() + " \"" + chart.getTitle() + "\"");
  }
}
