package dev.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scalinglab.kernel.maven.MavenResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    PythonChecks.Outcome run =
        PythonChecks.run(
            SCRIPT,
            List.of(mode),
            dir.resolve("jupyter"),
            kernel,
            Map.of("LAB_DIR", dir.toString()),
            600);
    assertTrue(run.finished(), "magic checks timed out:\n" + run.output());
    assertEquals(0, run.exitValue(), run.output());
    return run.output();
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
