package dev.scalinglab.kernel;

import java.io.File;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.magic.UndefinedMagicException;

/**
 * Line magics ({@code %name args}) through the kernel library's magics registry: IJava's {@code
 * %jars} and {@code %classpath} are registered here; extensions can register more.
 */
final class Magics {
  private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%(\\w+)(.*)$");

  private Magics() {}

  /** Registers {@code %jars} and {@code %classpath} in {@code registry}. */
  static void register(MagicsRegistry registry) {
    registry.registerLineMagic(
        "jars", (JavaKernel kernel, List<String> args) -> addPaths(kernel, "jars", args, true));
    registry.registerLineMagic(
        "classpath",
        (JavaKernel kernel, List<String> args) -> addPaths(kernel, "classpath", args, false));
  }

  /** Runs the line magics of {@code cell} and returns the cell with those lines left empty. */
  static String apply(String cell, JavaKernel kernel) throws CellException {
    StringBuilder code = new StringBuilder();
    int lineNumber = 0;
    for (String line : cell.split("\n", -1)) {
      lineNumber++;
      Matcher magic = LINE_MAGIC.matcher(line);
      if (magic.matches()) {
        run(kernel, magic.group(1), KernelConfig.splitWords(magic.group(2)), lineNumber);
        line = "";
      }
      code.append(line).append('\n');
    }
    return code.substring(0, code.length() - 1);
  }

  /** Returns {@code cell} with its line magics left empty, for completion and is_complete. */
  static String strip(String cell) {
    StringBuilder code = new StringBuilder();
    for (String line : cell.split("\n", -1)) {
      code.append(LINE_MAGIC.matcher(line).matches() ? "" : line).append('\n');
    }
    return code.substring(0, code.length() - 1);
  }

  private static void run(JavaKernel kernel, String name, List<String> args, int line) {
    try {
      kernel.getMagicsRegistry().evalLineMagic(kernel, name, args);
    } catch (UndefinedMagicException e) {
      List<String> known =
          kernel.getMagicsRegistry().getLineMagicNames().stream().sorted().toList();
      throw fail(
          line, "unknown magic %" + name + " (this kernel has %" + String.join(", %", known) + ")");
    } catch (CellException e) {
      throw fail(line, e.getMessage());
    } catch (Exception e) {
      throw fail(line, "%" + name + ": " + e.getMessage());
    }
  }

  private static Object addPaths(JavaKernel kernel, String name, List<String> args, boolean jars) {
    CodeEvaluator evaluator = kernel.evaluator();
    for (String arg : args) {
      for (String entry : arg.split(File.pathSeparator)) {
        if (entry.isBlank()) {
          continue;
        }
        List<String> paths = PathGlobs.expand(entry);
        if (jars) {
          paths = paths.stream().filter(p -> p.endsWith(".jar")).toList();
        }
        if (paths.isEmpty() || !paths.stream().allMatch(p -> new File(p).exists())) {
          throw new CellException(
              "%" + name + ": nothing found at " + entry, List.of("nothing found at " + entry));
        }
        paths.forEach(evaluator::addToClasspath);
      }
    }
    return null;
  }

  private static CellException fail(int line, String message) {
    String text = "cell line " + line + ": " + message;
    return new CellException(text, List.of(text));
  }
}
