package dev.scalinglab.kernel;

import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * IJava's notebook functions, statically imported into every session: {@code display}, {@code
 * render} and {@code updateDisplay}.
 */
public final class DisplayFunctions {
  private static volatile BaseKernel kernel;

  private DisplayFunctions() {}

  /** Makes the functions publish through {@code target}. */
  static void attach(BaseKernel target) {
    kernel = target;
  }

  private static BaseKernel kernel() {
    BaseKernel current = kernel;
    if (current == null) {
      throw new IllegalStateException("display functions need a running kernel");
    }
    return current;
  }

  /** Displays {@code o} as an output of the current cell and returns its display id. */
  public static String display(Object o) {
    return display(o, new String[0]);
  }

  /** Displays {@code o} rendered as {@code mimeTypes} and returns its display id. */
  public static String display(Object o, String... mimeTypes) {
    DisplayData data = new DisplayData(render(o, mimeTypes));
    if (!data.hasDisplayId()) {
      data.setDisplayId(UUID.randomUUID().toString());
    }
    kernel().display(data);
    return data.getDisplayId();
  }

  /** Returns {@code o} rendered as {@code mimeTypes} (its preferred types if none are given). */
  public static DisplayData render(Object o, String... mimeTypes) {
    return Renderers.render(kernel().getRenderer(), o, mimeTypes);
  }

  /** Replaces the output shown under display id {@code id} by {@code o}. */
  public static void updateDisplay(String id, Object o) {
    updateDisplay(id, o, new String[0]);
  }

  /**
   * Replaces the output shown under display id {@code id} by {@code o} rendered as {@code
   * mimeTypes}.
   */
  public static void updateDisplay(String id, Object o, String... mimeTypes) {
    DisplayData data = new DisplayData(render(o, mimeTypes));
    kernel().getIO().display.updateDisplay(id, data);
  }
}
