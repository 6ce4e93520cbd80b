package dev.scalinglab.notebook;

import dev.scalinglab.kernel.KernelSpecWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The kernels the notebooks are tested on ({@code -Dkernels=java-scaling-lab,ijava-1.3.0,
 * jjava-1.0-a7}, all three by default) and the environment that puts the library on each one's
 * class path.
 */
final class KernelsUnderTest {
  static final String IJAVA = "ijava-1.3.0";
  static final String JJAVA = "jjava-1.0-a7";

  private KernelsUnderTest() {}

  /** Returns the kernel names named by {@code -Dkernels}. */
  static List<String> named() {
    String names = System.getProperty("kernels", "");
    if (names.isBlank()) {
      return List.of(KernelSpecWriter.NAME, IJAVA, JJAVA);
    }
    return Stream.of(names.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
  }

  /**
   * Returns the variables that give {@code kernel} the library: IJava reads IJAVA_CLASSPATH, JJava
   * JJAVA_CLASSPATH. JJava gets every jar but jjava-jupyter, whose 1.0-a6 classes its own 1.0-a7
   * shadows (its class loader asks the kernel's first), so that copy would only be dead weight.
   */
  static Map<String, String> classPathEnv(String kernel) throws IOException {
    Map<String, String> env = new HashMap<>();
    Path jar = TestKernel.PROJECT.resolve("target/scaling-lab.jar");
    Path lib = TestKernel.PROJECT.resolve("target/lib");
    if (kernel.startsWith("ijava")) {
      env.put("IJAVA_CLASSPATH", jar + ":" + lib + "/*");
    } else if (kernel.startsWith("jjava")) {
      List<String> parts = new ArrayList<>(List.of(jar.toString()));
      try (Stream<Path> jars = Files.list(lib)) {
        jars.map(Path::toString)
            .filter(p -> p.endsWith(".jar"))
            .filter(p -> !Path.of(p).getFileName().toString().startsWith("jjava-jupyter-"))
            .sorted()
            .forEach(parts::add);
      }
      env.put("JJAVA_CLASSPATH", String.join(":", parts));
    }
    return env;
  }

  /** Fails with the fix if {@code kernel} is not among Jupyter's kernelspecs. */
  static void requireInstalled(Path jupyterPath, String kernel)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
                "/usr/bin/python3",
                "-c",
                "from jupyter_client.kernelspec import KernelSpecManager as M;"
                    + "print('\\n'.join(M().find_kernel_specs()))")
            .redirectErrorStream(true);
    pb.environment().put("JUPYTER_PATH", jupyterPath.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    if (!out.lines().map(String::trim).toList().contains(kernel)) {
      throw new AssertionError(
          "kernel "
              + kernel
              + " is named in -Dkernels but not installed: run bash ../shared/peers/install-kernels"
              + " (installed: "
              + out.lines().toList()
              + ")");
    }
  }
}
