package dev.scalinglab.jupyter;

import java.lang.reflect.InvocationTargetException;

/**
 * Finds the running kernel. JJava-family kernels (this project's and JJava) answer {@code
 * org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel()}; IJava answers {@code
 * io.github.spencerpark.ijava.IJava.getKernelInstance()}. Both are looked up by name, so this class
 * links to neither; each adapter is loaded only once its kernel is found.
 */
final class Kernels {
  private static volatile NotebookKernel cached;
  private static volatile Object cachedFor;

  private Kernels() {}

  static NotebookKernel detect() {
    Object jjava = call("org.dflib.jjava.jupyter.kernel.BaseKernel", "notebookKernel");
    if (jjava != null) {
      return cache(jjava, () -> JjavaKernel.of(jjava));
    }
    Object ijava = call("io.github.spencerpark.ijava.IJava", "getKernelInstance");
    if (ijava != null) {
      return cache(ijava, () -> IJavaKernel.of(ijava));
    }
    return NoKernel.INSTANCE;
  }

  private static synchronized NotebookKernel cache(
      Object kernel, java.util.function.Supplier<NotebookKernel> adapter) {
    if (cachedFor != kernel) {
      cached = adapter.get();
      cachedFor = kernel;
    }
    return cached;
  }

  /** Returns the result of the public static no-argument method, or null if absent or failing. */
  private static Object call(String className, String method) {
    try {
      Class<?> type = Class.forName(className, true, Kernels.class.getClassLoader());
      return type.getMethod(method).invoke(null);
    } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
      return null;
    } catch (InvocationTargetException e) {
      return null; // jjava's notebookKernel() throws when no kernel of its family runs
    } catch (LinkageError e) {
      return null;
    }
  }
}
