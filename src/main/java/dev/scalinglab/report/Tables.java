package dev.scalinglab.report;

import java.io.StringWriter;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.io.Destination;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

/** Formatting of Tablesaw tables for people: rounded numbers, HTML through Tablesaw's writer. */
public final class Tables {

  private Tables() {}

  /**
   * Returns a copy whose floating-point columns print with four decimals (tiny and huge values in
   * scientific notation).
   */
  public static Table rounded(Table table) {
    Table copy = table.copy();
    for (Column<?> column : copy.columns()) {
      if (column instanceof DoubleColumn d) {
        d.setPrintFormatter(new NumberColumnFormatter(new AdaptiveNumberFormat()));
      }
    }
    return copy;
  }

  /** Returns the table as an HTML {@code <table>} with four-decimal numbers. */
  public static String html(Table table) {
    StringWriter out = new StringWriter();
    if (table.rowCount() == 0) {
      // Tablesaw's HTML has no caption: an empty table must still say what it is and why.
      out.write("<p><em>" + escape(table.name()) + " (no rows)</em></p>\n");
    }
    new HtmlWriter().write(rounded(table), HtmlWriteOptions.builder(new Destination(out)).build());
    return out.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Returns the table as aligned plain text with four-decimal numbers. */
  public static String text(Table table) {
    return rounded(table).printAll();
  }
}
