package dev.scalinglab.jupyter;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** No kernel (plain JVM, tests, jshell): outputs are printed as their text. */
final class NoKernel implements NotebookKernel {
  static final NoKernel INSTANCE = new NoKernel();

  private NoKernel() {}

  @Override
  public String name() {
    return "none";
  }

  @Override
  public boolean canUpdateDisplays() {
    return false;
  }

  @Override
  public String display(Map<String, Object> bundle) {
    Object text = bundle.get("text/plain");
    if (text != null) {
      System.out.println(text);
    }
    return UUID.randomUUID().toString();
  }

  @Override
  public void updateDisplay(String displayId, Map<String, Object> bundle) {
    display(bundle);
  }

  @Override
  public <T> void registerRenderer(
      Class<T> type, List<String> mimeTypes, Function<? super T, Map<String, Object>> render) {}
}
