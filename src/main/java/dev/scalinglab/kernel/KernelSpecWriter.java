package dev.scalinglab.kernel;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code kernel.json} of a Jupyter kernelspec that starts {@link KernelMain} with a
 * given {@code java} and classpath: {@code KernelSpecWriter <out-dir> <classpath> [display-name]
 * [JVM option ...]} (e.g. {@code -XX:SharedArchiveFile=...}).
 */
public final class KernelSpecWriter {
  /** The kernelspec name the install script uses. */
  public static final String NAME = "java-scaling-lab";

  /**
   * JVM options every kernel start gets. The heap is capped at 512 MB: the notebooks' Java objects
   * take about 130 MB (their arrays live in libtorch), and G1 grows a larger heap with garbage
   * rather than collect it, which is resident memory a class of kernels on one server pays per
   * student (README, "For a class"). Only the C1 JIT compiler: at start the C2 compiler threads
   * compete with JShell's first compile for the cores, while cells spend their time in libtorch and
   * Java2D, not in hot Java loops (environment/README.md, "Start-up", has the measurements).
   */
  public static final List<String> JVM_OPTIONS =
      List.of(
          "-Xmx512m",
          "-XX:TieredStopAtLevel=1",
          "-Djava.awt.headless=true",
          "-Dai.djl.offline=true");

  /**
   * glibc's malloc settings for the kernel process. glibc raises its mmap threshold after large
   * frees and then keeps later large arrays in its heap, where freed memory stays resident, and
   * gives each thread an arena of its own. A fixed 2 MB threshold hands big arrays (data chunks,
   * whole-set features) back to the system while a training step's arrays (the largest, the first
   * kernel's gradient, is 0.9 MB) stay in the heap: at 128 KB every step paid fresh pages and an
   * epoch took 1.8x as long. README, "For a class", has the figures.
   */
  public static final Map<String, String> ENVIRONMENT =
      Map.of("MALLOC_MMAP_THRESHOLD_", "2097152", "MALLOC_ARENA_MAX", "2");

  /**
   * From this JDK on, loading libtorch through JNA prints a "restricted method" warning, into the
   * cell that happens to run, unless native access is enabled.
   */
  static final int NATIVE_ACCESS_SINCE = 22;

  // Paths and options as written: no HTML escaping of '=' or '<' in argv.
  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private KernelSpecWriter() {}

  /** Writes the kernelspec for {@code args[0]} (directory) and {@code args[1]} (classpath). */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println(
          "usage: KernelSpecWriter <out-dir> <classpath> [display-name] [JVM option ...]");
      System.exit(2);
    }
    String displayName = args.length > 2 ? args[2] : "Java (scaling-lab)";
    List<String> extra = args.length > 3 ? List.of(args).subList(3, args.length) : List.of();
    Path file = write(Path.of(args[0]), currentJava(), args[1], displayName, extra);
    System.out.println("wrote " + file);
  }

  /** Returns the absolute path of the {@code java} binary running this JVM. */
  public static String currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toAbsolutePath().toString();
  }

  /** Writes {@code dir/kernel.json} and the launcher logos, and returns the kernel.json path. */
  public static Path write(Path dir, String java, String classpath, String displayName)
      throws IOException {
    return write(dir, java, classpath, displayName, List.of());
  }

  /** Writes the kernelspec with {@code extraJvmOptions} (e.g. a class-data sharing archive). */
  public static Path write(
      Path dir, String java, String classpath, String displayName, List<String> extraJvmOptions)
      throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("kernel.json");
    Files.writeString(
        file, json(java, classpath, displayName, extraJvmOptions), StandardCharsets.UTF_8);
    KernelLogo.write(dir);
    return file;
  }

  /** Returns the kernel.json text: argv, display name, language and message-based interrupts. */
  public static String json(String java, String classpath, String displayName) {
    return json(java, classpath, displayName, List.of());
  }

  /** Returns the kernel.json text with {@code extraJvmOptions} after the standard ones. */
  public static String json(
      String java, String classpath, String displayName, List<String> extraJvmOptions) {
    List<String> argv = new ArrayList<>();
    argv.add(java);
    argv.add("-cp");
    argv.add(classpath);
    argv.addAll(JVM_OPTIONS);
    if (Runtime.version().feature() >= NATIVE_ACCESS_SINCE) {
      // Written by the JVM that will run the kernel (install-kernel runs this with that java).
      argv.add("--enable-native-access=ALL-UNNAMED");
    }
    argv.addAll(extraJvmOptions);
    argv.add(KernelMain.class.getName());
    argv.add("{connection_file}");
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("argv", argv);
    spec.put("display_name", displayName);
    spec.put("language", "java");
    spec.put("interrupt_mode", "message");
    spec.put("env", ENVIRONMENT);
    spec.put("metadata", Map.of());
    return GSON.toJson(spec) + "\n";
  }
}
