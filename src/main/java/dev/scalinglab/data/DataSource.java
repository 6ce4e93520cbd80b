package dev.scalinglab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Fashion-MNIST files come from: a local directory of the four original {@code .gz}
 * files, or DJL's own download.
 *
 * <p>{@link #locate(Path)} applies the documented order: an explicit directory, then the {@value
 * #ENV_VARIABLE} environment variable, then Debian's {@code dataset-fashion-mnist} location, then
 * DJL's download (which needs internet).
 */
public final class DataSource {

  /** Environment variable naming a directory that holds the four files. */
  public static final String ENV_VARIABLE = "SCALING_LAB_DATA";

  /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
  public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

  private final Path directory;
  private final String origin;

  private DataSource(Path directory, String origin) {
    this.directory = directory;
    this.origin = origin;
  }

  /** Returns a source reading the four files from {@code directory}. */
  public static DataSource directory(Path directory) {
    return new DataSource(directory.toAbsolutePath().normalize(), "directory " + directory);
  }

  /** Returns the source that downloads through DJL's dataset repository, with its checksums. */
  public static DataSource download() {
    return new DataSource(null, "DJL download");
  }

  /**
   * Returns the first source that applies: {@code explicit} if given, else {@value #ENV_VARIABLE},
   * else Debian's directory if present, else the DJL download.
   */
  public static DataSource locate(Path explicit) {
    if (explicit != null) {
      return directory(explicit);
    }
    String fromEnv = System.getenv(ENV_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new DataSource(Path.of(fromEnv).toAbsolutePath().normalize(), ENV_VARIABLE);
    }
    if (Files.isDirectory(DEBIAN_DIRECTORY)) {
      return new DataSource(DEBIAN_DIRECTORY, "Debian package dataset-fashion-mnist");
    }
    return download();
  }

  /** Returns the same as {@link #locate(Path)} with no explicit directory. */
  public static DataSource locate() {
    return locate(null);
  }

  /** Returns the local directory, or empty for the download source. */
  public Optional<Path> localDirectory() {
    return Optional.ofNullable(directory);
  }

  /** Returns a short description of where the data comes from. */
  public String origin() {
    return origin;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataSource other && Objects.equals(directory, other.directory);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(directory);
  }

  @Override
  public String toString() {
    if (directory == null || origin.endsWith(directory.toString())) {
      return origin;
    }
    return origin + " (" + directory + ")";
  }
}
