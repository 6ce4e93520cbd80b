package dev.scalinglab.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.kernel.KernelStartHook;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DataPreloadTest {

  @Test
  void theKernelFindsThePreloadAsAStartHook() {
    assertTrue(
        ServiceLoader.load(KernelStartHook.class).stream()
            .anyMatch(hook -> hook.type() == DataPreload.class),
        "META-INF/services/dev.scalinglab.kernel.KernelStartHook lists DataPreload");
  }

  @Test
  void preloadsOnlyWhereAThirdCoreIsFree() {
    // On 2 idle cores the preload made the first cell wait 0.97 s instead of 0.74 s.
    assertFalse(DataPreload.aCoreToSpare(0.0, 2), "2 idle cores: JShell's start needs both");
    assertTrue(DataPreload.aCoreToSpare(0.5, 4), "4 cores, little load");
    assertFalse(DataPreload.aCoreToSpare(1.5, 4), "4 cores, a core and a half busy");
    assertFalse(DataPreload.aCoreToSpare(-1, 8), "load average unknown");
  }
}
