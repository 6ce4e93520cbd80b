package dev.scalinglab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.scalinglab.engine.EngineSetup;

/**
 * Records the operations of one training step so that {@link #backward} can compute gradients.
 *
 * <p>DJL's PyTorch {@code GradientCollector} allows one collector per JVM at a time (a static
 * flag), which would serialise scenarios trained side by side. PyTorch's grad mode is thread-local,
 * so on the PyTorch engine this scope switches it for the calling thread only and calls the
 * engine's backward directly; other engines get DJL's collector.
 */
public final class GradientScope implements AutoCloseable {

  private static final boolean PYTORCH = pytorchEngine();

  private final GradientCollector collector;
  private final boolean previousMode;

  private GradientScope(boolean djlCollector) {
    if (!djlCollector) {
      collector = null;
      previousMode = JniUtils.isGradMode();
      JniUtils.setGradMode(true);
    } else {
      collector = Engine.getInstance().newGradientCollector();
      previousMode = false;
    }
  }

  private static boolean pytorchEngine() {
    // Thread settings must be in place before the engine starts.
    EngineSetup.configure();
    return "PyTorch".equals(Engine.getInstance().getEngineName());
  }

  /** Returns whether the engine is PyTorch, whose thread-local grad mode the fast paths use. */
  static boolean isPyTorch() {
    return PYTORCH;
  }

  /**
   * Switches recording on the calling thread and returns the previous mode (PyTorch only: the
   * training loop flips it twice a step instead of opening a scope).
   */
  static boolean setRecording(boolean on) {
    boolean previous = JniUtils.isGradMode();
    JniUtils.setGradMode(on);
    return previous;
  }

  /**
   * Accumulates d(target)/d(parameter) with {@code seed} (ones shaped like target) as the starting
   * gradient (PyTorch only; lets a loop reuse one seed array for every step).
   */
  static void backward(NDArray target, NDArray seed) {
    JniUtils.backward((PtNDArray) target, (PtNDArray) seed, false, false);
  }

  /** Starts recording on the calling thread. */
  public static GradientScope open() {
    return new GradientScope(!PYTORCH);
  }

  /**
   * Starts recording with DJL's gradient collector when {@code djlCollector} (one per JVM at a
   * time), else with PyTorch's thread-local grad mode (PyTorch only).
   */
  static GradientScope open(boolean djlCollector) {
    if (!djlCollector && !PYTORCH) {
      throw new IllegalStateException("thread-local grad mode needs the PyTorch engine");
    }
    return new GradientScope(djlCollector);
  }

  /** Runs {@code body} with gradient recording off on the calling thread (inference). */
  public static void withoutGradients(Runnable body) {
    if (!PYTORCH) {
      body.run();
      return;
    }
    boolean previous = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      body.run();
    } finally {
      JniUtils.setGradMode(previous);
    }
  }

  /** Accumulates d(target)/d(parameter) into every parameter's gradient. */
  public void backward(NDArray target) {
    if (collector != null) {
      collector.backward(target);
      return;
    }
    try (NDArray ones = target.onesLike()) {
      JniUtils.backward((PtNDArray) target, (PtNDArray) ones, false, false);
    }
  }

  /** Clears a parameter's accumulated gradient; PyTorch adds each backward to the last. */
  public static void zeroGradient(NDArray parameter) {
    if (PYTORCH) {
      JniUtils.zeroGrad((PtNDArray) parameter);
    } else {
      try (NDArray grad = parameter.getGradient()) {
        grad.subi(grad);
      }
    }
  }

  /**
   * Returns a guard that restores the calling thread's grad mode when closed (PyTorch; a no-op
   * elsewhere): the training loop switches the mode itself step by step.
   */
  static ModeGuard saveMode() {
    return new ModeGuard();
  }

  /** Restores a thread's grad mode when closed; see {@link #saveMode}. */
  static final class ModeGuard implements AutoCloseable {
    private final boolean previous = PYTORCH && JniUtils.isGradMode();

    @Override
    public void close() {
      if (PYTORCH) {
        JniUtils.setGradMode(previous);
      }
    }
  }

  /** Stops recording and restores the thread's previous mode. */
  @Override
  public void close() {
    if (collector != null) {
      collector.close();
    } else {
      JniUtils.setGradMode(previousMode);
    }
  }
}
