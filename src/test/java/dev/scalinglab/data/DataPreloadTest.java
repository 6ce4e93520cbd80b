package dev.scalinglab.data;

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
}
