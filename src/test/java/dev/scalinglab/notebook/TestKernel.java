package dev.scalinglab.notebook;

import dev.scalinglab.kernel.KernelSpecWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The kernel and quick-mode environment the notebook tests run with. */
final class TestKernel {

  /** The project checkout (failsafe runs in it). */
  static final Path PROJECT = Path.of("").toAbsolutePath();

  /** Parameters that make every notebook run in seconds instead of minutes. */
  static final Map<String, String> QUICK =
      Map.of(
          "SCALING_LAB_EPOCHS", "1",
          "SCALING_LAB_TRAIN_SIZE", "2000",
          "SCALING_LAB_STEPS", "40",
          "SCALING_LAB_SEEDS", "2");

  private TestKernel() {}

  /**
   * Writes a {@code java-scaling-lab} kernelspec running the packaged jar into {@code
   * jupyterPath/kernels}; with {@code JUPYTER_PATH=jupyterPath} it shadows the user's own.
   */
  static void install(Path jupyterPath) throws IOException {
    String classpath =
        PROJECT.resolve("target/scaling-lab.jar") + ":" + PROJECT.resolve("target/lib") + "/*";
    KernelSpecWriter.write(
        jupyterPath.resolve("kernels").resolve(KernelSpecWriter.NAME),
        KernelSpecWriter.currentJava(),
        classpath,
        "Java (scaling-lab, test)");
  }
}
