package dev.scalinglab.kernel.magic;

import dev.scalinglab.kernel.JavaKernel;
import dev.scalinglab.kernel.maven.MavenResolver;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsArgs;

/**
 * {@code %maven group:artifact:version ...}: resolves the coordinates together, with their runtime
 * dependencies, into the local repository and adds the jars to the cell class path.
 */
final class MavenMagic implements LineMagic<Void, JavaKernel> {
  private static final MagicsArgs ARGS =
      MagicsArgs.builder().varargs("coordinates").onlyKnownKeywords().onlyKnownFlags().build();
  private final MavenResolver resolver;

  /** Creates the magic around {@code resolver} (shared with {@code %mavenRepo}). */
  MavenMagic(MavenResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public Void eval(JavaKernel kernel, List<String> args) {
    List<String> coordinates = ARGS.parse(args).get("coordinates");
    if (coordinates == null || coordinates.isEmpty()) {
      throw new IllegalArgumentException(
          "give one or more coordinates, e.g. %maven org.apache.commons:commons-text:1.12.0");
    }
    for (Path jar : resolver.resolve(coordinates)) {
      kernel.evaluator().addToClasspath(jar.toString());
    }
    return null;
  }
}
