package dev.scalinglab.widgets;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * Installs widgets in kernels that load extensions from their classpath (JJava does, through {@code
 * META-INF/services/org.dflib.jjava.jupyter.Extension}): no set-up cell needed there.
 */
public final class WidgetsExtension implements Extension {

  @Override
  public void install(BaseKernel kernel) {
    if (KernelWidgets.speaksOurGson()) {
      KernelWidgets.install(kernel);
    } else {
      System.out.println(
          "note: this kernel has no widget comms the widgets can use; none installed");
    }
  }
}
