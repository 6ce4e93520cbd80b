package dev.scalinglab.notebook;

import dev.scalinglab.report.Charts;
import dev.scalinglab.report.Tables;
import dev.scalinglab.train.History;
import java.util.Base64;
import java.util.Collections;
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

  /** Registers the renderers in the running kernel ({@code BaseKernel.notebookKernel()}). */
  public static void setup() {
    register(BaseKernel.notebookKernel().getRenderer());
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
