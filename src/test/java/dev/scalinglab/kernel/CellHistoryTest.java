package dev.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.junit.jupiter.api.Test;

/** The kernel's history manager: range, tail and search over this session's stored cells. */
class CellHistoryTest {
  private final CellHistory history = new CellHistory();

  CellHistoryTest() {
    history.add("int a = 1;");
    history.add("a / 2");
    history.add("int a = 1;");
    history.add("System.out.println(a);");
  }

  private static List<String> inputs(List<HistoryEntry> entries) {
    return entries.stream().map(HistoryEntry::getInput).toList();
  }

  @Test
  void rangeCountsFromOneAndStopsBeforeStop() {
    assertEquals(List.of("a / 2", "int a = 1;"), inputs(history.lookupRange(0, 2, 4, Set.of())));
    assertEquals(4, history.lookupRange(0, 1, 0, Set.of()).size(), "stop 0: to the end");
    assertEquals(List.of(), history.lookupRange(0, 9, 12, Set.of()));
    assertEquals(List.of(), history.lookupRange(-1, 1, 0, Set.of()), "no earlier session kept");
  }

  @Test
  void tailIsTheLastCellsWithTheirNumbers() {
    List<HistoryEntry> last = history.lookupTail(2, Set.of());
    assertEquals(List.of("int a = 1;", "System.out.println(a);"), inputs(last));
    assertEquals(3, last.get(0).getCellNumber());
    assertEquals(0, last.get(0).getSession());
    assertEquals(4, history.lookupTail(0, Set.of()).size());
  }

  @Test
  void searchGlobsAndKeepsTheLatestOfEqualCellsWhenUnique() {
    assertEquals(List.of("a / 2"), inputs(history.search("a / *", 0, Set.of())));
    assertEquals(
        List.of(1, 3),
        history.search("int*", 0, Set.of()).stream().map(HistoryEntry::getCellNumber).toList());
    assertEquals(
        List.of(3),
        history.search("int*", 0, Set.of(ResultFlag.UNIQUE)).stream()
            .map(HistoryEntry::getCellNumber)
            .toList());
    assertEquals(List.of("System.out.println(a);"), inputs(history.search("*", 1, Set.of())));
  }

  @Test
  void answerIsSessionLineInput() {
    HistoryRequest tail = new HistoryRequest.Tail(false, true, 1);
    assertEquals(List.of(List.of(0, 4, "System.out.println(a);")), history.answer(tail));
    HistoryRequest range = new HistoryRequest.Range(false, true, 0, 1, 2);
    assertEquals(List.of(List.of(0, 1, "int a = 1;")), history.answer(range));
    HistoryRequest withOutput = new HistoryRequest.Tail(true, true, 1);
    assertEquals(
        List.of(List.of(0, 4, Arrays.asList("System.out.println(a);", null))),
        history.answer(withOutput));
  }
}
