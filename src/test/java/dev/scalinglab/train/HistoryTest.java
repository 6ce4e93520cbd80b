package dev.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.report.Tables;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** History's comparison table: numbers when both runs exist, the reason when one does not. */
class HistoryTest {

  private static EpochResult row(String scenario, int epoch, double valAccuracy) {
    return new EpochResult(scenario, epoch, 0.5, 0.8, 0.5, valAccuracy, 0.0, 1.0, false);
  }

  @Test
  void comparesEpochByEpochInPoints() {
    History history = new History();
    history.add(row("A", 1, 0.80));
    history.add(row("C", 1, 0.81));
    Table compare = history.compare("A", "C");
    assertEquals("C vs A", compare.name());
    assertEquals(1, compare.rowCount());
    assertEquals(1.0, compare.doubleColumn("difference (points)").get(0), 1e-9);
  }

  @Test
  void anEmptyComparisonSaysWhichScenarioWasNotTrained() {
    History history = new History();
    history.add(row("A", 1, 0.80));
    Table compare = history.compare("A", "C");
    assertEquals(0, compare.rowCount());
    assertEquals("C vs A: no epochs of C in this run (scenarios trained: A)", compare.name());
    String html = Tables.html(compare);
    assertTrue(html.contains("no epochs of C in this run"), html);
    assertTrue(Tables.text(compare).contains("no epochs of C in this run"));
  }
}
