package dev.scalinglab.kernel;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;

/**
 * Answers history_request from this session's cells (those run with {@code store_history}), as
 * {@code [session, line, input]} entries; session 0 is the current one, lines count from 1.
 */
final class HistoryLookup {
  private HistoryLookup() {}

  /** Returns the entries {@code request} asks for from {@code cells} (cell 1 first). */
  static List<List<Object>> answer(List<String> cells, HistoryRequest request) {
    List<List<Object>> all = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      all.add(List.of(0, i + 1, cells.get(i)));
    }
    if (request instanceof HistoryRequest.Range range) {
      int stop = range.getStop() <= 0 ? all.size() + 1 : range.getStop();
      return all.subList(
          Math.min(all.size(), Math.max(0, range.getStart() - 1)),
          Math.min(all.size(), Math.max(0, stop - 1)));
    }
    if (request instanceof HistoryRequest.Search search) {
      PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + search.getPattern());
      List<List<Object>> found = new ArrayList<>();
      for (List<Object> entry : all) {
        if (glob.matches(Path.of(((String) entry.get(2)).replace('/', '\u2215')))) {
          found.add(entry);
        }
      }
      return tail(found, search.getMaxReturnLength());
    }
    if (request instanceof HistoryRequest.Tail tail) {
      return tail(all, tail.getMaxReturnLength());
    }
    return all;
  }

  private static List<List<Object>> tail(List<List<Object>> entries, int n) {
    return n <= 0 ? entries : entries.subList(Math.max(0, entries.size() - n), entries.size());
  }
}
