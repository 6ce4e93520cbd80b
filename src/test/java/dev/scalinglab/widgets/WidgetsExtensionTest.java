package dev.scalinglab.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.kernel.JavaKernel;
import dev.scalinglab.kernel.KernelCommManager;
import dev.scalinglab.kernel.KernelConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How widgets get into a kernel: through the kernel's extensions, found again through its comm
 * manager (no static state), reached by its stop button; refused where the comm layer cannot open a
 * widget with its state.
 */
class WidgetsExtensionTest {

  /** A kernel of the library with {@code comms} and nothing else. */
  private static final class BareKernel extends BaseKernel {
    BareKernel(CommManager comms) {
      super(
          "bare",
          "0",
          new LanguageInfo.Builder("none").build(),
          List.of(),
          null,
          new JupyterIO(StandardCharsets.UTF_8),
          comms,
          new Renderer(),
          null,
          new MagicsRegistry(),
          false,
          new StringStyler.Builder().build());
    }

    @Override
    public Object evalRaw(String code) {
      return null;
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
      return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
      return null;
    }

    @Override
    public String isComplete(String code) {
      return IS_COMPLETE_YES;
    }
  }

  @Test
  void installTwiceKeepsTheManagerTheCommManagerHolds() {
    KernelCommManager comms = new KernelCommManager();
    BaseKernel kernel = new BareKernel(comms);
    assertEquals(Optional.empty(), KernelWidgets.installed(comms));
    WidgetManager manager = KernelWidgets.install(kernel);
    assertSame(manager, KernelWidgets.installed(comms).orElseThrow());
    assertSame(manager, KernelWidgets.install(kernel));
    // Another kernel has its own manager: nothing is shared through a static.
    KernelCommManager otherComms = new KernelCommManager();
    WidgetManager other = KernelWidgets.install(new BareKernel(otherComms));
    assertTrue(other != manager);
    assertSame(manager, KernelWidgets.installed(comms).orElseThrow());
  }

  @Test
  void aKernelWithTheLibrarysCommManagerIsRefused() {
    BaseKernel kernel = new BareKernel(new CommManager());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> KernelWidgets.install(kernel));
    assertTrue(e.getMessage().contains("CommManager"), e.getMessage());
    new WidgetsExtension().install(kernel); // a note, no exception, nothing installed
    assertEquals(Optional.empty(), KernelWidgets.installed(kernel.getCommManager()));
  }

  @Test
  @Timeout(120)
  void theJavaKernelInstallsWidgetsAndItsStopButtonInterruptsACallback() throws Exception {
    JavaKernel kernel = new JavaKernel(KernelConfig.defaults());
    try {
      kernel.evaluator(); // extensions are installed once JShell has started
      WidgetManager manager = KernelWidgets.installed(kernel.getCommManager()).orElseThrow();
      assertSame(manager, KernelWidgets.install(kernel));
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch interrupted = new CountDownLatch(1);
      manager
          .callbacks()
          .submit(
              () -> {
                started.countDown();
                try {
                  new CountDownLatch(1).await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  interrupted.countDown();
                }
              });
      assertTrue(started.await(30, TimeUnit.SECONDS));
      kernel.interrupt();
      assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the stop button missed the callback");
    } finally {
      kernel.onShutdown(false);
    }
  }
}
