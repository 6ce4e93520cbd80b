package dev.scalinglab.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files that other processes may read at any moment.
 *
 * <p>A plain write truncates the file first, so a concurrent reader can see it empty or half
 * written. Writing a temporary file in the same folder and renaming it over the target is atomic on
 * POSIX file systems: a reader sees the old content or the new one, never a mix.
 */
final class AtomicFiles {

  private AtomicFiles() {}

  /** Makes {@code target} hold {@code content}; does nothing when it already does. */
  static void writeIfChanged(Path target, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (Files.isRegularFile(target) && java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
      return;
    }
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
    try {
      Files.write(tmp, bytes);
      moveIntoPlace(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Renames the finished file {@code tmp} over {@code target}, atomically where supported. */
  static void moveIntoPlace(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
