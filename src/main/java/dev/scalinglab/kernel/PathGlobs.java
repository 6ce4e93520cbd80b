package dev.scalinglab.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

/** Expands the path globs IJava accepts ({@code dir/*}, {@code **}) and reads files. */
public final class PathGlobs {
  private PathGlobs() {}

  /** Returns the absolute paths matching {@code glob}, or the path itself if it has no wildcard. */
  public static List<String> expand(String glob) {
    List<String> paths = new ArrayList<>();
    if (glob.indexOf('*') < 0 && glob.indexOf('?') < 0) {
      paths.add(Path.of(glob).toAbsolutePath().toString());
      return paths;
    }
    for (Path path : PathsHandler.resolveGlobs(glob)) {
      paths.add(path.toAbsolutePath().toString());
    }
    paths.sort(null);
    return paths;
  }

  /** Returns the UTF-8 text of {@code file}. */
  static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
