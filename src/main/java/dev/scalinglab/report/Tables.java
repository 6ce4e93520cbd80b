package dev.scalinglab.report;

import java.io.StringWriter;
import org.jsoup.nodes.Element;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.io.Destination;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

/**
 * Formatting of Tablesaw tables for people: rounded numbers, HTML through Tablesaw's writer (and
 * jsoup, which it brings, for the note on an empty table).
 */
public final class Tables {

  /**
   * What a missing value of a {@link #statistic} column prints as: Tablesaw leaves out NaN, so it
   * was taken over no finite value (every run diverged). Other missing numbers (e.g. the bench's
   * "does not apply") stay blank.
   */
  public static final String MISSING = "none finite";

  private Tables() {}

  /**
   * Marks {@code column} as a statistic over runs, whose missing value prints as {@link #MISSING};
   * the mark travels with the column (its print formatter) into copies and selections.
   */
  public static DoubleColumn statistic(DoubleColumn column) {
    column.setPrintFormatter(new NumberColumnFormatter(new AdaptiveNumberFormat(), MISSING));
    return column;
  }

  /**
   * Returns a copy whose floating-point columns print with four decimals (tiny and huge values in
   * scientific notation), a missing value of a {@link #statistic} column as {@link #MISSING} and
   * any other missing value as a blank.
   */
  public static Table rounded(Table table) {
    Table copy = table.copy();
    for (Column<?> column : copy.columns()) {
      if (column instanceof DoubleColumn d) {
        boolean statistic = isStatistic(d);
        d.setPrintFormatter(
            new NumberColumnFormatter(new AdaptiveNumberFormat(), statistic ? MISSING : ""));
      }
    }
    return copy;
  }

  /**
   * Returns whether {@code column} was marked a {@link #statistic} and has a missing value (else
   * the mark does not matter); Tablesaw's accessor for the formatter is protected, but a missing
   * value prints as the formatter's missing string.
   */
  private static boolean isStatistic(DoubleColumn column) {
    for (int row = 0; row < column.size(); row++) {
      if (column.isMissing(row)) {
        return MISSING.equals(column.getString(row));
      }
    }
    return false;
  }

  /** Returns the table as an HTML {@code <table>} with four-decimal numbers. */
  public static String html(Table table) {
    StringWriter out = new StringWriter();
    if (table.rowCount() == 0) {
      // Tablesaw's HTML has no caption: an empty table must still say what it is and why.
      Element note = new Element("p");
      note.appendElement("em").text(table.name() + " (no rows)");
      out.write(note.outerHtml() + "\n");
    }
    new HtmlWriter().write(rounded(table), HtmlWriteOptions.builder(new Destination(out)).build());
    return out.toString();
  }

  /** Returns the table as aligned plain text with four-decimal numbers. */
  public static String text(Table table) {
    return rounded(table).printAll();
  }
}
