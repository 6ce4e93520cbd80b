package dev.scalinglab.jupyter;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Java kernel running the current cell, whichever it is (this project's, JJava, IJava, or
 * none), seen through what notebooks need: show a MIME bundle, update it, render library types.
 */
public interface NotebookKernel {

  /** Returns the kernel running this code, detected through each kernel's public API. */
  static NotebookKernel current() {
    return Kernels.detect();
  }

  /** Returns a short name of the kernel family: "jjava", "ijava" or "none". */
  String name();

  /** Returns whether {@link #updateDisplay} replaces a shown output in place. */
  boolean canUpdateDisplays();

  /** Shows {@code bundle} (MIME type to data) as an output of the running cell; returns its id. */
  String display(Map<String, Object> bundle);

  /** Replaces the output shown under {@code displayId} by {@code bundle}, where the kernel can. */
  void updateDisplay(String displayId, Map<String, Object> bundle);

  /**
   * Lets a cell ending in a {@code type} value show {@code render}'s bundle; {@code mimeTypes} are
   * the types it produces, preferred first.
   */
  <T> void registerRenderer(
      Class<T> type, List<String> mimeTypes, Function<? super T, Map<String, Object>> render);
}
