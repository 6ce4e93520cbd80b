package dev.scalinglab.kernel.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.building.DefaultModelBuilderFactory;
import org.apache.maven.model.building.DefaultModelBuildingRequest;
import org.apache.maven.model.building.ModelBuildingException;
import org.apache.maven.model.building.ModelBuildingRequest;

/**
 * The dependencies and repositories a POM declares, read with Maven's model builder: properties
 * such as {@code ${commons.version}} are interpolated and {@code dependencyManagement} versions
 * applied. A POM with a parent is not supported (its parent would have to be resolved first).
 *
 * @param coordinates {@code group:artifact:extension[:classifier]:version} of each dependency in
 *     scope compile or runtime
 * @param repositories id to URL of the repositories the POM declares
 */
record PomDependencies(List<String> coordinates, Map<String, String> repositories) {

  /** Reads {@code pom}; a missing or invalid POM fails with a message naming it. */
  static PomDependencies read(Path pom) {
    if (!Files.isRegularFile(pom)) {
      throw new MavenException("no POM file at " + pom.toAbsolutePath());
    }
    DefaultModelBuildingRequest request = new DefaultModelBuildingRequest();
    request.setPomFile(pom.toAbsolutePath().toFile());
    request.setValidationLevel(ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL);
    request.setProcessPlugins(false);
    request.setTwoPhaseBuilding(false);
    request.setSystemProperties(copy(System.getProperties()));
    Model model;
    try {
      model = new DefaultModelBuilderFactory().newInstance().build(request).getEffectiveModel();
    } catch (ModelBuildingException e) {
      String first =
          e.getProblems().isEmpty() ? e.getMessage() : e.getProblems().get(0).getMessage();
      throw new MavenException("cannot read the POM " + pom.toAbsolutePath() + ": " + first);
    } catch (RuntimeException e) {
      throw new MavenException(
          "cannot read the POM " + pom.toAbsolutePath() + ": " + e.getMessage());
    }
    List<String> coordinates =
        model.getDependencies().stream()
            .filter(
                d -> d.getScope() == null || List.of("compile", "runtime").contains(d.getScope()))
            .map(PomDependencies::coordinate)
            .toList();
    Map<String, String> repositories = new LinkedHashMap<>();
    model.getRepositories().stream()
        .filter(r -> !"central".equals(r.getId()))
        .forEach(r -> repositories.put(r.getId(), r.getUrl()));
    return new PomDependencies(coordinates, repositories);
  }

  private static String coordinate(Dependency d) {
    String type = d.getType() == null ? "jar" : d.getType();
    String classifier =
        d.getClassifier() == null || d.getClassifier().isEmpty() ? "" : ":" + d.getClassifier();
    return d.getGroupId()
        + ":"
        + d.getArtifactId()
        + ":"
        + type
        + classifier
        + ":"
        + d.getVersion();
  }

  private static Properties copy(Properties properties) {
    Properties copy = new Properties();
    properties.stringPropertyNames().forEach(k -> copy.setProperty(k, properties.getProperty(k)));
    return copy;
  }
}
