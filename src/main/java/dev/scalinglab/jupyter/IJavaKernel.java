package dev.scalinglab.jupyter;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * IJava 1.3, on jupyter-jvm-basekernel 2.3.0 (compiled against it; this class is loaded only when
 * {@code IJava.getKernelInstance()} answered, so other kernels never need basekernel).
 */
final class IJavaKernel implements NotebookKernel {
  private final BaseKernel kernel;

  private IJavaKernel(BaseKernel kernel) {
    this.kernel = kernel;
  }

  static NotebookKernel of(Object kernel) {
    return new IJavaKernel((BaseKernel) kernel);
  }

  @Override
  public String name() {
    return "ijava";
  }

  @Override
  public boolean canUpdateDisplays() {
    return true;
  }

  @Override
  public String display(Map<String, Object> bundle) {
    DisplayData data = data(bundle);
    String id = UUID.randomUUID().toString();
    data.setDisplayId(id);
    kernel.display(data);
    return id;
  }

  @Override
  public void updateDisplay(String displayId, Map<String, Object> bundle) {
    kernel.getIO().display.updateDisplay(displayId, data(bundle));
  }

  @Override
  public <T> void registerRenderer(
      Class<T> type, List<String> mimeTypes, Function<? super T, Map<String, Object>> render) {
    kernel
        .getRenderer()
        .createRegistration(type)
        .preferring(mimeTypes.toArray(String[]::new))
        .register(
            (value, context) -> render.apply(value).forEach(context.getOutputContainer()::putData));
  }

  private static DisplayData data(Map<String, Object> bundle) {
    DisplayData data = new DisplayData();
    bundle.forEach(data::putData);
    return data;
  }
}
