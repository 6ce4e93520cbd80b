package dev.scalinglab.widgets;

import dev.scalinglab.kernel.KernelCommManager;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * Installs widgets in the project's Java kernel, which loads extensions from its classpath ({@code
 * META-INF/services/org.dflib.jjava.jupyter.Extension}): no set-up cell needed there. Other kernels
 * that load extensions (JJava) get a one-line note instead: their comm layer cannot open a widget
 * with its state (and JJava 1.0-a7 relocates the Gson its comm API takes).
 */
public final class WidgetsExtension implements Extension {

  @Override
  public void install(BaseKernel kernel) {
    if (!(kernel.getCommManager() instanceof KernelCommManager)) {
      System.out.println(
          "note: this kernel has no widget comms the widgets can use; none installed");
      return;
    }
    KernelWidgets.install(kernel);
  }
}
