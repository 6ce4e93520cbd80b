package dev.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.kernel.maven.MavenResolver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The magics at the protocol level: the real kernel process through jupyter_client
 * (src/test/python/magic_checks.py), resolving into an empty temporary local repository from Maven
 * Central, then a second kernel on that repository with central mirrored to a closed loopback port
 * (no network). Skipped with {@code -DskipKernelTests=true}.
 */
@DisabledIfSystemProperty(named = "skipKernelTests", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelMagicsIT {
  private static final Path SCRIPT = Path.of("src/test/python/magic_checks.py");

  @TempDir static Path dir;

  private static String kernelspec(String name, List<String> options) throws Exception {
    KernelSpecWriter.write(
        dir.resolve("jupyter/kernels").resolve(name),
        KernelSpecWriter.currentJava(),
        System.getProperty("java.class.path"),
        "Java (magics test)",
        options);
    return name;
  }

  private static String local() {
    return "-D" + MavenResolver.LOCAL_REPOSITORY_PROPERTY + "=" + dir.resolve("repository");
  }

  private static String run(String kernel, String mode) throws Exception {
    Files.createDirectories(dir.resolve("jupyter/runtime"));
    Path log = Files.createTempFile(dir, "magics", ".log");
    ProcessBuilder builder =
        new ProcessBuilder("/usr/bin/python3", SCRIPT.toString(), mode)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("JUPYTER_PATH", dir.resolve("jupyter").toString());
    builder.environment().put("JUPYTER_RUNTIME_DIR", dir.resolve("jupyter/runtime").toString());
    builder.environment().put("KERNEL_NAME", kernel);
    builder.environment().put("LAB_DIR", dir.toString());
    Process process = builder.start();
    boolean finished = process.waitFor(600, TimeUnit.SECONDS);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);
    assertTrue(finished, "magic checks timed out:\n" + output);
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  @Test
  @Order(1)
  void mavenTimeAndLoadMagicsWorkThroughTheProtocol() throws Exception {
    String output = run(kernelspec("magics-online", List.of(local())), "online");
    assertTrue(output.contains("magics: 0 failed"), output);
  }

  @Test
  @Order(2)
  void offlineTheLocalRepositoryServes() throws Exception {
    Path settings = dir.resolve("offline-settings.xml");
    // Port 9 (discard) on loopback is closed here: every download is refused at once.
    Files.writeString(
        settings,
        "<settings><mirrors><mirror><id>central</id><mirrorOf>central</mirrorOf>"
            + "<url>http://127.0.0.1:9/maven2</url></mirror></mirrors></settings>");
    String settingsOption = "-D" + MavenResolver.SETTINGS_PROPERTY + "=" + settings;
    String output = run(kernelspec("magics-offline", List.of(local(), settingsOption)), "offline");
    assertTrue(output.contains("magics: 0 failed"), output);
  }
}
