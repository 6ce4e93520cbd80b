package dev.scalinglab.bench;

import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which BLAS each side's matrix products run on: for our side, libtorch's build features and the
 * BLAS libraries mapped into this process; for PyTorch, what {@code bench_torch.py} reports ({@code
 * torch.__config__}, and OpenBLAS's own core name when it links OpenBLAS). At batch 32 a training
 * step is mostly GEMM, so the ratio follows the two BLAS builds' kernels on the CPU at hand.
 */
final class BlasPath {

  private static final Pattern BLAS_LIBRARY =
      Pattern.compile(".*/(lib(open)?blas[^/]*|libmkl[^/]*|libblis[^/]*|libflexiblas[^/]*)$");

  private BlasPath() {}

  /**
   * Returns our side's BLAS, e.g. "MKL inside libtorch_cpu.so (features MKL, MKLDNN, OPENMP); on
   * this AMD CPU MKL runs its non-Intel AVX2 kernels"; the engine must be loaded.
   */
  static String ofThisJvm() {
    Set<String> features = new TreeSet<>(JniUtils.getFeatures());
    Set<String> libraries = new TreeSet<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
        String path = line.substring(line.lastIndexOf(' ') + 1);
        if (BLAS_LIBRARY.matcher(path).matches()) {
          libraries.add(path.substring(path.lastIndexOf('/') + 1));
        }
      }
    } catch (IOException | RuntimeException e) {
      libraries.add("(mapped libraries unknown: " + e.getMessage() + ")");
    }
    StringBuilder s = new StringBuilder();
    if (features.contains("MKL") && libraries.stream().noneMatch(l -> l.startsWith("libmkl"))) {
      s.append("MKL inside libtorch_cpu.so");
    } else if (!libraries.isEmpty()) {
      s.append(String.join(", ", libraries));
    } else {
      s.append("no BLAS library found (libtorch's own GEMM)");
    }
    s.append(" (libtorch features ").append(String.join(", ", features)).append(')');
    if (features.contains("MKL") && isAmd()) {
      s.append("; on this AMD CPU MKL runs its non-Intel AVX2 kernels");
    }
    return s.toString();
  }

  /**
   * Returns whether this machine's CPU is an AMD one (MKL picks slower paths on non-Intel CPUs).
   */
  static boolean isAmd() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("vendor_id"))
          .findFirst()
          .map(l -> l.toLowerCase(Locale.ROOT).contains("amd"))
          .orElse(false);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
