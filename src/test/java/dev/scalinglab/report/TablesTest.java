package dev.scalinglab.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A table says what it holds, also where a statistic had nothing finite to work on. */
class TablesTest {

  @Test
  void aStatisticOverNoFiniteValueSaysSoInsteadOfABlank() {
    // As SeedStudy gives it when both of B's runs diverged: mean of {Infinity, NaN} is missing.
    Table seeds =
        Table.create(
            "seeds",
            StringColumn.create("scenario", "B"),
            Tables.statistic(DoubleColumn.create("loss_mean", Double.NaN)),
            Tables.statistic(DoubleColumn.create("loss_min", Double.POSITIVE_INFINITY)),
            DoubleColumn.create("gflops", Double.NaN),
            // As the bench has it for a machine row: named like a statistic, but "does not apply".
            DoubleColumn.create("seconds_min", Double.NaN));
    String text = Tables.text(seeds);
    assertTrue(text.contains(Tables.MISSING), text);
    assertTrue(Tables.html(seeds).contains(Tables.MISSING), Tables.html(seeds));
    // Only statistics: elsewhere a missing number means "does not apply" and stays blank.
    assertTrue(text.indexOf(Tables.MISSING) == text.lastIndexOf(Tables.MISSING), text);
  }
}
