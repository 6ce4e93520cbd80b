package dev.scalinglab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.scalinglab.engine.EngineSetup;

/**
 * Gradient recording for the training steps, in two forms: a scope ({@link #open}) that records
 * until closed and runs backward, and a switch ({@link #setRecording}) for loops that flip the mode
 * themselves.
 *
 * <p>DJL's PyTorch {@code GradientCollector} allows one collector per JVM at a time (a static
 * flag), which would serialise scenarios trained side by side. PyTorch's grad mode is thread-local,
 * so on the PyTorch engine both forms switch it for the calling thread only and backward calls the
 * engine directly; other engines get DJL's collector. Nothing here starts the engine: whoever
 * builds a model has started it ({@link EngineSetup#configure}).
 */
public final class GradientScope implements AutoCloseable {

  private final GradientCollector collector;
  private final boolean previousMode;

  private GradientScope(boolean djlCollector) {
    if (djlCollector) {
      collector = Engine.getInstance().newGradientCollector();
      previousMode = false;
    } else {
      collector = null;
      previousMode = setRecording(true);
    }
  }

  /** Returns whether the engine is PyTorch, whose thread-local grad mode the steps use. */
  static boolean isPyTorch() {
    return EngineSetup.isPyTorch();
  }

  /** Starts recording on the calling thread (DJL's collector on engines other than PyTorch). */
  public static GradientScope open() {
    return new GradientScope(!isPyTorch());
  }

  /**
   * Starts recording with DJL's gradient collector when {@code djlCollector} (one per JVM at a
   * time), else with PyTorch's thread-local grad mode (PyTorch only).
   */
  static GradientScope open(boolean djlCollector) {
    if (!djlCollector && !isPyTorch()) {
      throw new IllegalStateException("thread-local grad mode needs the PyTorch engine");
    }
    return new GradientScope(djlCollector);
  }

  /**
   * Switches recording on the calling thread and returns the previous mode, for the caller to
   * restore (PyTorch; elsewhere recording happens only in a scope, and this returns false).
   */
  public static boolean setRecording(boolean on) {
    if (!isPyTorch()) {
      return false;
    }
    boolean previous = JniUtils.isGradMode();
    JniUtils.setGradMode(on);
    return previous;
  }

  /**
   * Accumulates d(target)/d(parameter) with {@code seed} (shaped like target) as the starting
   * gradient (PyTorch only; lets a loop reuse one seed array for every step).
   */
  static void backward(NDArray target, NDArray seed) {
    JniUtils.backward((PtNDArray) target, (PtNDArray) seed, false, false);
  }

  /** Accumulates d(target)/d(parameter) into every parameter's gradient. */
  public void backward(NDArray target) {
    if (collector != null) {
      collector.backward(target);
      return;
    }
    try (NDArray ones = target.onesLike()) {
      backward(target, ones);
    }
  }

  /** Clears a parameter's accumulated gradient; PyTorch adds each backward to the last. */
  public static void zeroGradient(NDArray parameter) {
    if (isPyTorch()) {
      JniUtils.zeroGrad((PtNDArray) parameter);
    } else {
      try (NDArray grad = parameter.getGradient()) {
        grad.subi(grad);
      }
    }
  }

  /** Stops recording and restores the thread's previous mode. */
  @Override
  public void close() {
    if (collector != null) {
      collector.close();
    } else {
      setRecording(previousMode);
    }
  }
}
