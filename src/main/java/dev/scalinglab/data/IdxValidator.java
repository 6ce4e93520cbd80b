package dev.scalinglab.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Checks the four IDX files before DJL reads them.
 *
 * <p>DJL's reader trusts its input: a truncated or foreign file becomes an assertion error deep in
 * the engine or, worse, a wrong dataset. Reading each file once here turns every such problem into
 * a {@link DataException} that names the file and the fix.
 */
public final class IdxValidator {

  private static final int SIDE = 28;
  private static final int CLASSES = 10;

  private IdxValidator() {}

  /** Checks all four files in {@code dir}; throws {@link DataException} on the first problem. */
  public static void checkDirectory(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new DataException(
          "Fashion-MNIST location "
              + dir
              + " is a file, not a directory. Pass --data DIR (or set SCALING_LAB_DATA) to the"
              + " directory holding the four original .gz files.");
    }
    if (!Files.isDirectory(dir)) {
      throw new DataException(
          "Fashion-MNIST directory "
              + dir
              + " does not exist. Pass --data DIR (or set SCALING_LAB_DATA) to a directory"
              + " holding the four original .gz files.");
    }
    if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
      throw new DataException(
          "Cannot open the Fashion-MNIST directory "
              + dir
              + ": permission denied. Make it readable (chmod a+rx) or pass --data DIR to a copy"
              + " you can read.");
    }
    for (IdxFile file : IdxFile.values()) {
      check(dir.resolve(file.fileName()), file);
    }
  }

  /** Checks one file against what {@code expected} must contain. */
  public static void check(Path path, IdxFile expected) {
    if (Files.isDirectory(path)) {
      throw new DataException(path + " is a directory, not a file. " + redownload(expected));
    }
    if (Files.isSymbolicLink(path) && !Files.exists(path)) {
      throw new DataException(
          path
              + " is a symbolic link to "
              + linkTarget(path)
              + ", which does not exist. "
              + redownload(expected));
    }
    if (!Files.isRegularFile(path)) {
      throw new DataException(
          "Missing Fashion-MNIST file "
              + path
              + ". The directory must hold all four original files: "
              + String.join(", ", names())
              + ".");
    }
    try (InputStream raw = Files.newInputStream(path);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
      int magic = in.readInt();
      if (magic != expected.magic()) {
        throw new DataException(
            String.format(
                "%s is not a Fashion-MNIST %s file: IDX magic number %d, expected %d."
                    + " Replace it with the original %s.",
                path,
                expected.isImages() ? "image" : "label",
                magic,
                expected.magic(),
                expected.fileName()));
      }
      int count = in.readInt();
      if (count != expected.count()) {
        throw new DataException(
            String.format(
                "%s declares %d items, expected %d. Replace it with the original %s.",
                path, count, expected.count(), expected.fileName()));
      }
      long payload = count;
      if (expected.isImages()) {
        int rows = in.readInt();
        int cols = in.readInt();
        if (rows != SIDE || cols != SIDE) {
          throw new DataException(
              String.format(
                  "%s holds %dx%d images, expected 28x28. Replace it with the original %s.",
                  path, rows, cols, expected.fileName()));
        }
        payload *= SIDE * SIDE;
      }
      checkPayload(in, path, expected, payload);
    } catch (EOFException e) {
      throw truncated(path, expected);
    } catch (ZipException e) {
      throw new DataException(
          path + " is not a valid gzip file (" + e.getMessage() + "). " + redownload(expected), e);
    } catch (AccessDeniedException e) {
      throw new DataException(
          "Cannot read "
              + path
              + ": permission denied. Make it readable (chmod a+r) or pass --data DIR to a copy"
              + " you can read.",
          e);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("Unexpected end of ZLIB")) {
        throw truncated(path, expected);
      }
      throw new DataException("Cannot read " + path + ": " + describe(e), e);
    }
  }

  /** Says what an I/O error was; a bare FileSystemException message is only the path. */
  static String describe(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }

  private static String linkTarget(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      return "a missing file";
    }
  }

  private static void checkPayload(DataInputStream in, Path path, IdxFile expected, long bytes)
      throws IOException {
    byte[] buffer = new byte[1 << 16];
    long seen = 0;
    while (seen < bytes) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, bytes - seen));
      if (n < 0) {
        throw truncated(path, expected);
      }
      if (!expected.isImages()) {
        for (int i = 0; i < n; i++) {
          int label = buffer[i] & 0xff;
          if (label >= CLASSES) {
            throw new DataException(
                String.format(
                    "%s: label %d at position %d is outside 0..9. %s",
                    path, label, seen + i, redownload(expected)));
          }
        }
      }
      seen += n;
    }
    if (in.read() >= 0) {
      throw new DataException(
          path + " has more data than its header declares. " + redownload(expected));
    }
  }

  private static DataException truncated(Path path, IdxFile expected) {
    return new DataException(path + " is truncated. " + redownload(expected));
  }

  private static String redownload(IdxFile expected) {
    return "Replace it with the original "
        + expected.fileName()
        + " (Debian: apt-get install --reinstall dataset-fashion-mnist).";
  }

  private static String[] names() {
    IdxFile[] files = IdxFile.values();
    String[] names = new String[files.length];
    for (int i = 0; i < files.length; i++) {
      names[i] = files[i].fileName();
    }
    return names;
  }
}
