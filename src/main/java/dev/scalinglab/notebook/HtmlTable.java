package dev.scalinglab.notebook;

import dev.scalinglab.report.Tables;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.Table;

/**
 * A Tablesaw table as a notebook output: HTML for Jupyter, aligned text for plain frontends. Works
 * on this project's kernel and on JJava (both render jjava-jupyter's {@link
 * DisplayDataRenderable}).
 */
public final class HtmlTable implements DisplayDataRenderable {

  private static final Set<MIMEType> TYPES = Set.of(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN);

  private final Table table;

  private HtmlTable(Table table) {
    this.table = table;
  }

  /** Wraps {@code table} for display. */
  public static HtmlTable of(Table table) {
    return new HtmlTable(table);
  }

  /** Returns the wrapped table. */
  public Table table() {
    return table;
  }

  @Override
  public Set<MIMEType> getSupportedRenderTypes() {
    return TYPES;
  }

  @Override
  public void render(RenderContext context) {
    context.renderIfRequested(MIMEType.TEXT_HTML, () -> Tables.html(table));
    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Tables.text(table));
  }

  @Override
  public String toString() {
    return Tables.text(table);
  }
}
