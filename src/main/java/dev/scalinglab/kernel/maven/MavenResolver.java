package dev.scalinglab.kernel.maven;

import eu.maveniverse.maven.mima.context.Context;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import eu.maveniverse.maven.mima.context.Runtime;
import eu.maveniverse.maven.mima.context.Runtimes;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;

/**
 * Resolves Maven coordinates with their runtime dependencies into the local repository (the user's
 * {@code ~/.m2/repository} unless overridden) and returns the jars. The user's {@code settings.xml}
 * applies (mirrors, proxies, offline); what the local repository holds is served without the
 * network.
 */
public final class MavenResolver {
  /** Maven Central, the repository every resolution uses. */
  public static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2/";

  /** System property naming the local repository (Maven's own name for it). */
  public static final String LOCAL_REPOSITORY_PROPERTY = "maven.repo.local";

  /** System property naming a {@code settings.xml} used instead of {@code ~/.m2/settings.xml}. */
  public static final String SETTINGS_PROPERTY = "scalinglab.kernel.mavenSettings";

  private final Runtime runtime = Runtimes.INSTANCE.getRuntime();
  private final Path localRepository;
  private final Path settings;
  private final Map<String, RemoteRepository> added = new LinkedHashMap<>();

  private MavenResolver(Builder builder) {
    this.localRepository = builder.localRepository;
    this.settings = builder.settings;
  }

  /** Returns a builder; every option is optional. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a resolver configured by {@link #LOCAL_REPOSITORY_PROPERTY} and {@link
   * #SETTINGS_PROPERTY}.
   */
  public static MavenResolver fromSystemProperties() {
    Builder builder = builder();
    String local = System.getProperty(LOCAL_REPOSITORY_PROPERTY);
    if (local != null && !local.isBlank()) {
      builder.optLocalRepository(Path.of(local));
    }
    String file = System.getProperty(SETTINGS_PROPERTY);
    if (file != null && !file.isBlank()) {
      builder.optSettings(Path.of(file));
    }
    return builder.build();
  }

  /** Adds the remote repository {@code url} under {@code id} to later resolutions. */
  public synchronized void addRepository(String id, String url) {
    if (id == null || id.isBlank()) {
      throw new MavenException("a repository needs an id, e.g. %mavenRepo my-repo " + url);
    }
    added.put(id, repository(id, url));
  }

  /**
   * Resolves {@code coordinates} ({@code group:artifact[:extension[:classifier]]:version})
   * together.
   */
  public List<Path> resolve(List<String> coordinates) {
    return resolve(coordinates, List.of());
  }

  /** Resolves the dependencies of the POM at {@code pom}, with the repositories it declares. */
  public List<Path> resolvePom(Path pom) {
    PomDependencies read = PomDependencies.read(pom);
    List<RemoteRepository> repositories = new ArrayList<>();
    read.repositories().forEach((id, url) -> repositories.add(repository(id, url)));
    return resolve(read.coordinates(), repositories);
  }

  private List<Path> resolve(List<String> coordinates, List<RemoteRepository> extra) {
    if (coordinates.isEmpty()) {
      throw new MavenException("nothing to resolve: give coordinates as group:artifact:version");
    }
    CollectRequest collect = new CollectRequest();
    for (String coordinate : coordinates) {
      collect.addDependency(new Dependency(artifact(coordinate), "runtime"));
    }
    try (Context context = runtime.create(overrides(extra))) {
      collect.setRepositories(context.remoteRepositories());
      DependencyResult result =
          context
              .repositorySystem()
              .resolveDependencies(
                  context.repositorySystemSession(), new DependencyRequest(collect, null));
      List<Path> jars = new ArrayList<>();
      for (ArtifactResult artifact : result.getArtifactResults()) {
        jars.add(artifact.getArtifact().getFile().toPath().toAbsolutePath());
      }
      return jars;
    } catch (DependencyResolutionException e) {
      throw new MavenException(
          "could not resolve " + String.join(", ", coordinates) + ": " + rootMessage(e));
    }
  }

  private synchronized ContextOverrides overrides(List<RemoteRepository> extra) {
    List<RemoteRepository> repositories = new ArrayList<>();
    repositories.add(repository("central", CENTRAL_URL));
    repositories.addAll(added.values());
    repositories.addAll(extra);
    ContextOverrides.Builder overrides =
        ContextOverrides.create()
            .withUserSettings(true)
            .repositories(repositories)
            // A missing artifact or a dead mirror fails in seconds, not after the 30-minute
            // default.
            .configProperties(
                Map.of(
                    "aether.connector.connectTimeout", 10_000,
                    "aether.connector.requestTimeout", 60_000));
    if (localRepository != null) {
      overrides.withLocalRepositoryOverride(localRepository);
    }
    if (settings != null) {
      overrides.withUserSettingsXmlOverride(settings);
    }
    return overrides.build();
  }

  private static Artifact artifact(String coordinate) {
    try {
      return new DefaultArtifact(coordinate);
    } catch (IllegalArgumentException e) {
      throw new MavenException(
          "'" + coordinate + "' is not a Maven coordinate (expected group:artifact:version)");
    }
  }

  private static RemoteRepository repository(String id, String url) {
    String scheme;
    try {
      scheme = URI.create(url).getScheme();
    } catch (IllegalArgumentException e) {
      scheme = null;
    }
    if (scheme == null || !List.of("http", "https", "file").contains(scheme)) {
      throw new MavenException(
          "repository " + id + " needs an http, https or file URL, not '" + url + "'");
    }
    return new RemoteRepository.Builder(id, "default", url).build();
  }

  /**
   * The innermost message that names a repository (it names the artifact too: "Could not find
   * artifact ... in central (url)", "Could not transfer ... from/to central (url): Connection
   * refused"), else the innermost message.
   */
  private static String rootMessage(Throwable e) {
    String innermost = null;
    String naming = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && !message.isBlank()) {
        message = message.lines().findFirst().orElse(message);
        innermost = message;
        if (message.contains("://")) {
          naming = message;
        }
      }
    }
    String chosen = naming != null ? naming : innermost;
    return chosen == null ? e.toString() : chosen;
  }

  /** Options of a {@link MavenResolver}. */
  public static final class Builder {
    private Path localRepository;
    private Path settings;

    private Builder() {}

    /** Uses {@code dir} as the local repository instead of the user's. */
    public Builder optLocalRepository(Path dir) {
      this.localRepository = dir;
      return this;
    }

    /** Reads {@code file} instead of the user's {@code ~/.m2/settings.xml}. */
    public Builder optSettings(Path file) {
      this.settings = file;
      return this;
    }

    /** Returns the resolver. */
    public MavenResolver build() {
      return new MavenResolver(this);
    }
  }
}
