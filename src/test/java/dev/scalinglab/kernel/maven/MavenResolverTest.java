package dev.scalinglab.kernel.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real resolutions with MIMA: from Maven Central (the one remote this machine reaches) into an
 * empty local repository, then with the network cut (a settings.xml whose mirror of central is a
 * closed port on loopback), where the local repository serves and a missing coordinate still fails
 * at once with its name. commons-text is an artifact the project does not carry; it brings
 * commons-lang3.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MavenResolverTest {
  private static final String TEXT = "org.apache.commons:commons-text:1.12.0";
  private static final String MISSING = "org.example.nothere:no-such-artifact:9.9.9";

  @TempDir static Path dir;
  private static Path local;
  private static Path offline;

  @BeforeAll
  static void files() throws Exception {
    local = dir.resolve("repository");
    offline = dir.resolve("offline-settings.xml");
    // Port 9 (discard) on loopback is closed here: every download is refused at once.
    Files.writeString(
        offline,
        "<settings><mirrors><mirror><id>central</id><mirrorOf>central</mirrorOf>"
            + "<url>http://127.0.0.1:9/maven2</url></mirror></mirrors></settings>");
  }

  @Test
  @Order(1)
  void resolvesFromCentralWithDependenciesIntoTheLocalRepository() {
    MavenResolver resolver = MavenResolver.builder().optLocalRepository(local).build();
    List<Path> jars = resolver.resolve(List.of(TEXT));
    List<String> names = jars.stream().map(p -> p.getFileName().toString()).toList();
    assertTrue(names.contains("commons-text-1.12.0.jar"), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("commons-lang3-")), names.toString());
    assertTrue(
        jars.stream().allMatch(p -> p.startsWith(local) && Files.isRegularFile(p)),
        jars.toString());
  }

  @Test
  @Order(2)
  void aMissingCoordinateFailsInSecondsNamingIt() {
    MavenResolver resolver = MavenResolver.builder().optLocalRepository(local).build();
    long start = System.nanoTime();
    MavenException e = assertThrows(MavenException.class, () -> resolver.resolve(List.of(MISSING)));
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "missing coordinate from central failed after %.1f s: %s%n", seconds, e.getMessage());
    assertTrue(e.getMessage().contains("org.example.nothere:no-such-artifact"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertTrue(seconds < 60, "took " + seconds + " s");
  }

  @Test
  @Order(3)
  void offlineTheLocalRepositoryServes() {
    MavenResolver resolver =
        MavenResolver.builder().optLocalRepository(local).optSettings(offline).build();
    List<Path> jars = resolver.resolve(List.of(TEXT));
    assertTrue(
        jars.stream().anyMatch(p -> p.getFileName().toString().equals("commons-text-1.12.0.jar")),
        jars.toString());
    long start = System.nanoTime();
    MavenException e = assertThrows(MavenException.class, () -> resolver.resolve(List.of(MISSING)));
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "missing coordinate offline failed after %.1f s: %s%n", seconds, e.getMessage());
    assertTrue(e.getMessage().contains("org.example.nothere:no-such-artifact"), e.getMessage());
    assertTrue(seconds < 30, "took " + seconds + " s");
  }

  @Test
  @Order(4)
  void anAddedRepositoryIsSearched() throws Exception {
    // The first test's local repository, served as a file repository to an empty one, offline.
    MavenResolver resolver =
        MavenResolver.builder()
            .optLocalRepository(dir.resolve("empty"))
            .optSettings(offline)
            .build();
    assertThrows(MavenException.class, () -> resolver.resolve(List.of(TEXT)));
    resolver.addRepository("lab-files", local.toUri().toString());
    List<Path> jars = resolver.resolve(List.of(TEXT));
    assertTrue(jars.stream().allMatch(p -> p.startsWith(dir.resolve("empty"))), jars.toString());
    assertEquals(2, jars.size(), jars.toString());
  }

  @Test
  @Order(5)
  void aPomsDependenciesResolveWithItsProperties() throws Exception {
    Path pom = dir.resolve("pom.xml");
    Files.writeString(
        pom,
        "<project><modelVersion>4.0.0</modelVersion><groupId>lab</groupId><artifactId>cell</artifactId>"
            + "<version>1</version><properties><text.version>1.12.0</text.version></properties>"
            + "<dependencies><dependency><groupId>org.apache.commons</groupId>"
            + "<artifactId>commons-text</artifactId><version>${text.version}</version></dependency>"
            + "<dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter-api</artifactId>"
            + "<version>5.14.3</version><scope>test</scope></dependency></dependencies></project>");
    MavenResolver resolver =
        MavenResolver.builder().optLocalRepository(local).optSettings(offline).build();
    List<String> names =
        resolver.resolvePom(pom).stream().map(p -> p.getFileName().toString()).toList();
    assertTrue(names.contains("commons-text-1.12.0.jar"), names.toString());
    assertTrue(names.stream().noneMatch(n -> n.contains("junit")), "test scope left out: " + names);
  }

  @Test
  void badInputGetsOneSentence() {
    MavenResolver resolver = MavenResolver.builder().optLocalRepository(local).build();
    MavenException coordinate =
        assertThrows(MavenException.class, () -> resolver.resolve(List.of("commons-text")));
    assertEquals(
        "'commons-text' is not a Maven coordinate (expected group:artifact:version)",
        coordinate.getMessage());
    MavenException url =
        assertThrows(MavenException.class, () -> resolver.addRepository("x", "repo.example"));
    assertTrue(url.getMessage().contains("needs an http, https or file URL"), url.getMessage());
    MavenException pom =
        assertThrows(MavenException.class, () -> resolver.resolvePom(dir.resolve("nope.xml")));
    assertTrue(pom.getMessage().startsWith("no POM file at "), pom.getMessage());
  }
}
