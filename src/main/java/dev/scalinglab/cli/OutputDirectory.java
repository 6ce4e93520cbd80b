package dev.scalinglab.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks {@code --out} before any work: a run must not train for minutes and then fail to write.
 */
final class OutputDirectory {

  private OutputDirectory() {}

  /**
   * Creates {@code out} if missing and checks that a file can be written in it; throws {@link
   * IllegalArgumentException} (a usage error) saying what is wrong otherwise.
   */
  static void prepare(Path out) {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException(
          "--out "
              + out
              + " is an existing file, not a directory: name a directory (it is"
              + " created if missing)");
    }
    Path existing = nearestExisting(out.toAbsolutePath());
    if (existing != null && !Files.isDirectory(existing)) {
      throw new IllegalArgumentException(
          "--out " + out + " cannot be created: " + existing + " is a file, not a directory");
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--out "
              + out
              + " cannot be created in "
              + existing
              + ": "
              + reason(e)
              + "; name a writable directory",
          e);
    }
    try {
      Files.delete(Files.createTempFile(out, ".write-check-", ".tmp"));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--out " + out + " is not writable: " + reason(e) + "; name a writable directory", e);
    }
  }

  private static Path nearestExisting(Path path) {
    Path p = path;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p;
  }

  /** Returns what went wrong in words; a bare I/O exception message is only a path. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "that file system does not accept new directories";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }
}
