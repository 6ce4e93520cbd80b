package dev.scalinglab.kernel;

import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Expands the path globs IJava accepts ({@code dir/*}, {@code **}) and reads files. */
final class PathGlobs {
  private PathGlobs() {}

  /** Returns the absolute paths matching {@code glob}, or the path itself if it has no wildcard. */
  static List<String> expand(String glob) {
    List<String> paths = new ArrayList<>();
    if (glob.indexOf('*') < 0 && glob.indexOf('?') < 0) {
      paths.add(Path.of(glob).toAbsolutePath().toString());
      return paths;
    }
    try {
      for (Path path : new GlobFinder(glob).computeMatchingPaths()) {
        paths.add(path.toAbsolutePath().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot expand " + glob, e);
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
