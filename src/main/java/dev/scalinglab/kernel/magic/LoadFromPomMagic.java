package dev.scalinglab.kernel.magic;

import dev.scalinglab.kernel.JavaKernel;
import dev.scalinglab.kernel.maven.MavenResolver;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/**
 * {@code %loadFromPOM path/to/pom.xml}: resolves the POM's compile and runtime dependencies (with
 * the repositories it declares) and adds the jars to the cell class path.
 */
final class LoadFromPomMagic implements LineMagic<Void, JavaKernel> {
  private final MavenResolver resolver;

  /** Creates the magic around {@code resolver}. */
  LoadFromPomMagic(MavenResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public Void eval(JavaKernel kernel, List<String> args) {
    if (args.size() != 1) {
      throw new IllegalArgumentException("give the path of one POM, e.g. %loadFromPOM pom.xml");
    }
    for (Path jar : resolver.resolvePom(Path.of(args.get(0)))) {
      kernel.evaluator().addToClasspath(jar.toString());
    }
    return null;
  }
}
