package dev.scalinglab.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks the unpacked copy of an IDX file that DJL keeps in its cache.
 *
 * <p>DJL reuses its cache folder whenever it exists and never checks it again, so a copy cut short
 * (a full disk, a killed copy, a hand edit) would be read as if it were the data, and the error
 * would seem to come from the original files. The checks here are cheap (size and header); the
 * originals were checked in full by {@link IdxValidator} before.
 */
final class UnpackedCopy {

  private UnpackedCopy() {}

  /** Returns the unpacked size of {@code file}: its IDX header plus one byte per value. */
  static long expectedSize(IdxFile file) {
    return file.isImages() ? 16L + (long) file.count() * 28 * 28 : 8L + file.count();
  }

  /**
   * Returns what is wrong with the unpacked copy {@code path} of {@code file}, or empty if fine.
   */
  static Optional<String> problem(Path path, IdxFile file) {
    if (!Files.isRegularFile(path)) {
      return Optional.of("is missing");
    }
    try {
      long size = Files.size(path);
      if (size != expectedSize(file)) {
        return Optional.of(String.format("has %d bytes instead of %d", size, expectedSize(file)));
      }
      try (InputStream raw = Files.newInputStream(path);
          DataInputStream in = new DataInputStream(raw)) {
        int magic = in.readInt();
        int count = in.readInt();
        if (magic != file.magic() || count != file.count()) {
          return Optional.of(
              String.format(
                  "has header (magic %d, %d items) instead of (%d, %d)",
                  magic, count, file.magic(), file.count()));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot be read (" + e.getMessage() + ")");
    }
  }
}
