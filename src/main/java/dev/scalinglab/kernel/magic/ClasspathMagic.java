package dev.scalinglab.kernel.magic;

import dev.scalinglab.kernel.JavaKernel;
import dev.scalinglab.kernel.PathGlobs;
import java.io.File;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/**
 * {@code %classpath entry...} (directories and jars, globs allowed) and IJava's {@code %jars} (jars
 * only): adds them to the cell class path; an entry that matches nothing fails.
 */
final class ClasspathMagic implements LineMagic<Void, JavaKernel> {
  private final boolean jarsOnly;

  /** Creates {@code %jars} if {@code jarsOnly}, else {@code %classpath}. */
  ClasspathMagic(boolean jarsOnly) {
    this.jarsOnly = jarsOnly;
  }

  @Override
  public Void eval(JavaKernel kernel, List<String> args) {
    for (String arg : args) {
      for (String entry : arg.split(File.pathSeparator)) {
        if (entry.isBlank()) {
          continue;
        }
        List<String> paths = PathGlobs.expand(entry);
        if (jarsOnly) {
          paths = paths.stream().filter(p -> p.endsWith(".jar")).toList();
        }
        if (paths.isEmpty() || !paths.stream().allMatch(p -> new File(p).exists())) {
          throw new IllegalArgumentException("nothing found at " + entry);
        }
        paths.forEach(kernel.evaluator()::addToClasspath);
      }
    }
    return null;
  }
}
