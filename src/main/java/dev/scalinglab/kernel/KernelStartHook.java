package dev.scalinglab.kernel;

/**
 * Work a library starts when a kernel process starts, before any cell: listed in {@code
 * META-INF/services/dev.scalinglab.kernel.KernelStartHook} of a jar on the kernel's classpath, as
 * JJava's extensions are. The kernel knows nothing of what a hook does; e.g. an app preloads what
 * its notebooks' first cells need (an engine, a data set) while JShell starts.
 *
 * <p>The hooks run once, in turn, on a daemon thread of the kernel's, once the kernel has bound its
 * sockets, while JShell starts; a hook that fails is skipped (its work is then done by the cell
 * that needs it). Turned off by {@code -Dscalinglab.kernel.startHooks=false}.
 */
public interface KernelStartHook {
  /** Starts the hook's work; runs on a background thread, so it may block. */
  void kernelStarting();
}
