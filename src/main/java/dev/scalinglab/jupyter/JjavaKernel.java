package dev.scalinglab.jupyter;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * A kernel on jjava-jupyter (this project's on 1.0-a6, JJava 1.0-a7). Uses only members whose
 * signatures are the same in both: {@code DisplayData.setDisplayId} returns void in a6 and
 * DisplayData in a7, so the display id goes in as transient data instead.
 */
final class JjavaKernel implements NotebookKernel {
  private final BaseKernel kernel;

  private JjavaKernel(BaseKernel kernel) {
    this.kernel = kernel;
  }

  static NotebookKernel of(Object kernel) {
    return new JjavaKernel((BaseKernel) kernel);
  }

  @Override
  public String name() {
    return "jjava";
  }

  @Override
  public boolean canUpdateDisplays() {
    return true;
  }

  @Override
  public String display(Map<String, Object> bundle) {
    String id = UUID.randomUUID().toString();
    kernel.display(data(bundle, id));
    return id;
  }

  @Override
  public void updateDisplay(String displayId, Map<String, Object> bundle) {
    kernel.getIO().display.updateDisplay(displayId, data(bundle, null));
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

  private static DisplayData data(Map<String, Object> bundle, String displayId) {
    DisplayData data = new DisplayData();
    bundle.forEach(data::putData);
    if (displayId != null) {
      data.putTransientData(DisplayData.DISPLAY_ID_KEY, displayId);
    }
    return data;
  }
}
