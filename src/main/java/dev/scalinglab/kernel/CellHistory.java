package dev.scalinglab.kernel;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;

/**
 * The kernel's history manager: this session's cells run with {@code store_history}, numbered from
 * 1 in session 0 (the current one; earlier sessions are not kept, nor are outputs). It answers
 * history_request and is what {@code getHistoryManager()} hands extensions.
 */
public final class CellHistory implements HistoryManager {
  private final List<String> cells = new CopyOnWriteArrayList<>();

  /** Records {@code code} as the next cell. */
  void add(String code) {
    cells.add(code);
  }

  /**
   * Returns cells {@code start} (from 1) up to but not including {@code stop} (0 or less: to the
   * end) of session {@code sessionOffset}: only session 0 has cells.
   */
  @Override
  public List<HistoryEntry> lookupRange(
      int sessionOffset, int start, int stop, Set<ResultFlag> flags) {
    List<HistoryEntry> all = sessionOffset == 0 ? entries() : List.of();
    int end = stop <= 0 ? all.size() + 1 : stop;
    return all.subList(
        Math.min(all.size(), Math.max(0, start - 1)), Math.min(all.size(), Math.max(0, end - 1)));
  }

  /** Returns the last {@code length} cells (0 or less: all). */
  @Override
  public List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
    return tail(entries(), length);
  }

  /**
   * Returns the last {@code length} cells whose code matches the glob {@code pattern} ({@code *},
   * {@code ?}, {@code [...]}; {@code /} is an ordinary character); with {@link ResultFlag#UNIQUE}
   * only the latest of equal cells.
   */
  @Override
  public List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
    PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + slashFree(pattern));
    Map<String, HistoryEntry> found = new LinkedHashMap<>();
    List<HistoryEntry> all = new ArrayList<>();
    for (HistoryEntry entry : entries()) {
      if (glob.matches(Path.of(slashFree(entry.getInput())))) {
        if (flags.contains(ResultFlag.UNIQUE)) {
          found.remove(entry.getInput());
          found.put(entry.getInput(), entry);
        } else {
          all.add(entry);
        }
      }
    }
    return tail(flags.contains(ResultFlag.UNIQUE) ? List.copyOf(found.values()) : all, length);
  }

  /**
   * Returns the reply's {@code history} for what is asked: {@code [session, line, input]}, or
   * {@code [session, line, [input, null]]} when the request asks for outputs (none are kept).
   */
  List<List<Object>> answer(HistoryRequest request) {
    Set<ResultFlag> none = Set.of();
    List<HistoryEntry> entries =
        switch (request.getAccessType()) {
          case RANGE -> {
            HistoryRequest.Range range = (HistoryRequest.Range) request;
            yield lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), none);
          }
          case TAIL -> lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), none);
          case SEARCH -> {
            HistoryRequest.Search search = (HistoryRequest.Search) request;
            yield search(
                search.getPattern(),
                search.getMaxReturnLength(),
                search.filterUnique() ? Set.of(ResultFlag.UNIQUE) : none);
          }
        };
    return entries.stream()
        .map(
            e ->
                List.<Object>of(
                    e.getSession(),
                    e.getCellNumber(),
                    // As ipykernel, which logs no outputs by default: [input, null] when asked.
                    request.includeOutput()
                        ? Arrays.asList(e.getInput(), e.getOutput())
                        : e.getInput()))
        .toList();
  }

  private List<HistoryEntry> entries() {
    List<HistoryEntry> all = new ArrayList<>();
    int line = 1;
    for (String cell : cells) {
      all.add(new HistoryEntry(0, line++, cell, null));
    }
    return all;
  }

  /** Replaces {@code /}, which a path glob treats as a separator, by a look-alike. */
  private static String slashFree(String text) {
    return text.replace('/', '\u2215');
  }

  private static List<HistoryEntry> tail(List<HistoryEntry> entries, int n) {
    return n <= 0 ? entries : entries.subList(Math.max(0, entries.size() - n), entries.size());
  }
}
