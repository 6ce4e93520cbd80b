package dev.scalinglab.kernel.magic;

import dev.scalinglab.kernel.JavaKernel;
import dev.scalinglab.kernel.maven.MavenResolver;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsArgs;

/** {@code %mavenRepo id url}: later {@code %maven} lines also look in that repository. */
final class MavenRepoMagic implements LineMagic<Void, JavaKernel> {
  private static final MagicsArgs ARGS =
      MagicsArgs.builder().required("id").required("url").onlyKnownKeywords().build();
  private final MavenResolver resolver;

  /** Creates the magic around {@code resolver} (shared with {@code %maven}). */
  MavenRepoMagic(MavenResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public Void eval(JavaKernel kernel, List<String> args) {
    if (args.size() != 2) {
      throw new IllegalArgumentException(
          "give an id and a URL, e.g. %mavenRepo my-repo https://...");
    }
    Map<String, List<String>> parsed = ARGS.parse(args);
    resolver.addRepository(parsed.get("id").get(0), parsed.get("url").get(0));
    return null;
  }
}
