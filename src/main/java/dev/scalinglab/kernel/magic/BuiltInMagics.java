package dev.scalinglab.kernel.magic;

import dev.scalinglab.kernel.JavaKernel;
import dev.scalinglab.kernel.maven.MavenResolver;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/**
 * Registers the kernel's magics in a {@link JavaKernel} (a kernel extension listed in
 * META-INF/services); other kernels have their own.
 */
public final class BuiltInMagics implements Extension {

  @Override
  public void install(BaseKernel kernel) {
    if (!(kernel instanceof JavaKernel javaKernel)) {
      return;
    }
    MavenResolver maven = MavenResolver.fromSystemProperties();
    MagicsRegistry registry = kernel.getMagicsRegistry();
    registry.registerLineMagic("classpath", new ClasspathMagic(false));
    registry.registerLineMagic("jars", new ClasspathMagic(true));
    registry.registerLineMagic("maven", new MavenMagic(maven));
    registry.registerLineMagic("mavenRepo", new MavenRepoMagic(maven));
    registry.registerLineMagic("loadFromPOM", new LoadFromPomMagic(maven));
    registry.registerLineMagic("load", new LoadMagic());
    TimeMagic time = new TimeMagic();
    javaKernel.registerCodeLineMagic("time", time);
    registry.registerCellMagic("time", time);
  }
}
