package dev.scalinglab.widgets;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.function.Supplier;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * Installs widgets in kernels that load extensions from their classpath (JJava does, through {@code
 * META-INF/services/org.dflib.jjava.jupyter.Extension}): no set-up cell needed there.
 */
public final class WidgetsExtension implements Extension {

  @Override
  public void install(BaseKernel kernel) {
    if (!KernelWidgets.speaksOurGson()) {
      System.out.println(
          "note: this kernel has no widget comms the widgets can use; none installed");
      return;
    }
    WidgetManager manager = KernelWidgets.install(kernel);
    parentMessageIds(kernel).ifPresent(manager::setParentMessageId);
  }

  /**
   * Returns the msg_id of the request being handled, where the kernel's comm manager tells it (this
   * project's does, through a public {@code parentMessageId()}): what Output widgets capture.
   */
  private static Optional<Supplier<String>> parentMessageIds(BaseKernel kernel) {
    Object comms = kernel.getCommManager();
    try {
      Method method = comms.getClass().getMethod("parentMessageId");
      return Optional.of(
          () -> {
            try {
              return String.valueOf(method.invoke(comms));
            } catch (ReflectiveOperationException e) {
              return "";
            }
          });
    } catch (NoSuchMethodException e) {
      return Optional.empty(); // another kernel: Output widgets capture without a msg_id
    }
  }
}
