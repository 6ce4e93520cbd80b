package dev.scalinglab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.magic.CellMagicArgs;
import org.dflib.jjava.jupyter.kernel.magic.LineMagicArgs;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.ParsedCellMagic;
import org.dflib.jjava.jupyter.kernel.magic.ParsedLineMagic;
import org.dflib.jjava.jupyter.kernel.magic.UndefinedMagicException;

/**
 * Runs a cell with magics: jjava-jupyter's {@link MagicParser} finds {@code %%name} cell magics and
 * {@code %name} line magics (quotes and escapes as JJava has them), and the cell runs in order —
 * code up to a magic, the magic, the code after it — so a {@code %maven} line makes its classes
 * usable in the lines below. Magics run here, in the kernel, not as generated code inside JShell
 * (as JJava does): a failing magic is then one line naming the cell line, and {@code %time} or
 * {@code %load} evaluate code without re-entering a running snippet.
 */
final class CellMagics {
  private static final String MARK = "\u0000magic ";
  private static final String LINE_START = "^[ \\t]*%";
  private static final String CELL_START = "%%";

  private CellMagics() {}

  /** One step of a cell: code (earlier lines left empty, so line numbers hold) or a magic. */
  sealed interface Part permits Code, Line, Cell {}

  /** Code between magics. */
  record Code(String source) implements Part {}

  /**
   * A line magic at 1-based cell line {@code line}; {@code rest} is its argument text as written.
   */
  record Line(String name, List<String> args, String rest, int line) implements Part {}

  /** A cell magic: the first line names it, the rest of the cell is its body. */
  record Cell(String name, List<String> args, String body) implements Part {}

  /**
   * Returns a parser of this kernel's magic syntax that, as JJava's does, turns magics into calls
   * of {@code BaseNotebookStatics}: the kernel's {@code getMagicParser()}, for extensions that
   * expect one. The kernel itself runs cells through {@link #run}.
   */
  static MagicParser jjavaParser() {
    return new MagicParser(LINE_START, CELL_START, new MagicTranspiler());
  }

  /** Cuts {@code cell} into code and magics, in the order they run. */
  static List<Part> parse(String cell) {
    Recorder recorder = new Recorder();
    String marked = new MagicParser(LINE_START, CELL_START, recorder).resolveMagics(cell);
    if (recorder.cell != null) {
      return List.of(recorder.cell);
    }
    List<Part> parts = new ArrayList<>();
    String[] lines = marked.split("\n", -1);
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith(MARK)) {
        addCode(parts, code);
        Line magic = recorder.lines.get(Integer.parseInt(lines[i].substring(MARK.length())));
        parts.add(new Line(magic.name(), magic.args(), magic.rest(), i + 1));
        code.setLength(0);
        code.append("\n".repeat(i + 1));
      } else {
        code.append(lines[i]).append(i + 1 < lines.length ? "\n" : "");
      }
    }
    addCode(parts, code);
    return parts;
  }

  /**
   * Returns {@code cell} with magic lines left empty (a cell magic's first line), for completion.
   */
  static String strip(String cell) {
    StringBuilder out = new StringBuilder();
    String[] lines = cell.split("\n", -1);
    boolean cellMagic = cell.startsWith("%%");
    for (int i = 0; i < lines.length; i++) {
      boolean magic = (i == 0 && cellMagic) || lines[i].stripLeading().matches("%\\w.*");
      out.append(magic ? "" : lines[i]).append(i + 1 < lines.length ? "\n" : "");
    }
    return out.toString();
  }

  /** Runs {@code cell} in {@code kernel} and returns the value of its last step, or null. */
  static Object run(JavaKernel kernel, String cell, Map<String, CodeLineMagic> codeMagics) {
    Object value = null;
    for (Part part : parse(cell)) {
      if (part instanceof Code code) {
        CodeEvaluator.Value result = kernel.evaluator().eval(code.source());
        value = result == null ? null : result.value();
      } else if (part instanceof Line line) {
        value = runLine(kernel, line, codeMagics.get(line.name()));
      } else if (part instanceof Cell magic) {
        value = runCell(kernel, magic);
      }
    }
    return value;
  }

  private static void addCode(List<Part> parts, StringBuilder code) {
    if (!code.toString().isBlank()) {
      parts.add(new Code(code.toString()));
    }
  }

  private static Object runLine(JavaKernel kernel, Line line, CodeLineMagic codeMagic) {
    try {
      if (codeMagic != null) {
        return codeMagic.eval(kernel, line.rest());
      }
      return kernel.getMagicsRegistry().evalLineMagic(kernel, line.name(), line.args());
    } catch (UndefinedMagicException e) {
      List<String> known =
          kernel.getMagicsRegistry().getLineMagicNames().stream().sorted().toList();
      throw fail(
          line.line(),
          "unknown magic %"
              + line.name()
              + " (this kernel has %"
              + String.join(", %", known)
              + ")");
    } catch (CellException e) {
      // Code a magic ran (%time, %load) failed: its own traceback says where.
      throw e;
    } catch (Exception e) {
      throw fail(line.line(), "%" + line.name() + ": " + e.getMessage());
    }
  }

  private static Object runCell(JavaKernel kernel, Cell magic) {
    try {
      return kernel
          .getMagicsRegistry()
          .evalCellMagic(kernel, magic.name(), magic.args(), magic.body());
    } catch (UndefinedMagicException e) {
      List<String> known =
          kernel.getMagicsRegistry().getCellMagicNames().stream().sorted().toList();
      throw fail(
          1,
          "unknown cell magic %%"
              + magic.name()
              + (known.isEmpty() ? "" : " (this kernel has %%" + String.join(", %%", known) + ")"));
    } catch (CellException e) {
      throw e;
    } catch (Exception e) {
      throw fail(1, "%%" + magic.name() + ": " + e.getMessage());
    }
  }

  private static CellException fail(int line, String message) {
    String text = "cell line " + line + ": " + message;
    return new CellException(text, List.of(text));
  }

  /** Keeps the magics the parser finds and leaves a mark in their place. */
  private static final class Recorder extends MagicTranspiler {
    private final List<Line> lines = new ArrayList<>();
    private Cell cell;

    @Override
    public String transpileCell(ParsedCellMagic magic) {
      CellMagicArgs call = magic.magicCall;
      cell = new Cell(call.name, call.args, call.body);
      return "";
    }

    @Override
    public String transpileLine(ParsedLineMagic magic) {
      LineMagicArgs call = magic.magicCall;
      String raw = magic.raw.stripLeading().substring(1);
      String rest = raw.substring(Math.min(raw.length(), call.name.length())).strip();
      lines.add(new Line(call.name, call.args, rest, 0));
      return MARK + (lines.size() - 1);
    }
  }
}
