package dev.scalinglab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxValidatorTest {

  @TempDir Path dir;

  @Test
  void missingDirectoryNamesItAndTheOption() {
    Path missing = dir.resolve("nowhere");
    DataException e = assertThrows(DataException.class, () -> IdxValidator.checkDirectory(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("--data"), e.getMessage());
  }

  @Test
  void missingFileIsNamed() throws IOException {
    writeLabels(dir.resolve(IdxFile.TRAIN_LABELS.fileName()), 2049, 60_000, 60_000, 0);
    DataException e = assertThrows(DataException.class, () -> IdxValidator.checkDirectory(dir));
    assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
  }

  @Test
  void validLabelFilePasses() throws IOException {
    Path file = dir.resolve("labels.gz");
    writeLabels(file, 2049, 60_000, 60_000, 3);
    IdxValidator.check(file, IdxFile.TRAIN_LABELS);
  }

  @Test
  void wrongMagicNumberIsReported() throws IOException {
    Path file = dir.resolve("labels.gz");
    writeLabels(file, 2051, 60_000, 60_000, 0);
    DataException e =
        assertThrows(DataException.class, () -> IdxValidator.check(file, IdxFile.TRAIN_LABELS));
    assertTrue(e.getMessage().contains("magic number 2051, expected 2049"), e.getMessage());
  }

  @Test
  void wrongCountIsReported() throws IOException {
    Path file = dir.resolve("labels.gz");
    writeLabels(file, 2049, 59_999, 59_999, 0);
    DataException e =
        assertThrows(DataException.class, () -> IdxValidator.check(file, IdxFile.TRAIN_LABELS));
    assertTrue(e.getMessage().contains("declares 59999 items, expected 60000"), e.getMessage());
  }

  @Test
  void missingPayloadIsTruncated() throws IOException {
    Path file = dir.resolve("labels.gz");
    writeLabels(file, 2049, 60_000, 1_000, 0);
    DataException e =
        assertThrows(DataException.class, () -> IdxValidator.check(file, IdxFile.TRAIN_LABELS));
    assertTrue(e.getMessage().contains("is truncated"), e.getMessage());
  }

  @Test
  void cutGzipStreamIsTruncated() throws IOException {
    Path whole = dir.resolve("whole.gz");
    writeLabels(whole, 2049, 60_000, 60_000, 7);
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.gz");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    DataException e =
        assertThrows(DataException.class, () -> IdxValidator.check(cut, IdxFile.TRAIN_LABELS));
    assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void nonGzipFileIsReported() throws IOException {
    Path file = dir.resolve("plain.gz");
    Files.writeString(file, "not a gzip file at all");
    DataException e =
        assertThrows(DataException.class, () -> IdxValidator.check(file, IdxFile.TEST_LABELS));
    assertTrue(e.getMessage().contains("not a valid gzip file"), e.getMessage());
  }

  @Test
  void labelOutOfRangeIsReportedWithItsPosition() throws IOException {
    Path file = dir.resolve("labels.gz");
    writeLabels(file, 2049, 10_000, 10_000, 0, 1234, 12);
    DataException e =
        assertThrows(DataException.class, () -> IdxValidator.check(file, IdxFile.TEST_LABELS));
    assertEquals(true, e.getMessage().contains("label 12 at position 1234"), e.getMessage());
  }

  @Test
  void wrongImageSizeIsReported() throws IOException {
    Path file = dir.resolve("images.gz");
    try (DataOutputStream out = gzip(file)) {
      out.writeInt(2051);
      out.writeInt(10_000);
      out.writeInt(32);
      out.writeInt(32);
    }
    DataException e =
        assertThrows(DataException.class, () -> IdxValidator.check(file, IdxFile.TEST_IMAGES));
    assertTrue(e.getMessage().contains("32x32 images, expected 28x28"), e.getMessage());
  }

  @Test
  void fileGivenAsTheDirectoryIsNamedAsAFile() throws IOException {
    Path file = dir.resolve("fashion.gz");
    Files.writeString(file, "x");
    DataException e = assertThrows(DataException.class, () -> IdxValidator.checkDirectory(file));
    assertTrue(e.getMessage().contains(file + " is a file, not a directory"), e.getMessage());
  }

  @Test
  void directoryInPlaceOfAFileIsNamed() throws IOException {
    Path sub = Files.createDirectory(dir.resolve(IdxFile.TRAIN_LABELS.fileName()));
    DataException e =
        assertThrows(DataException.class, () -> IdxValidator.check(sub, IdxFile.TRAIN_LABELS));
    assertTrue(e.getMessage().startsWith(sub + " is a directory, not a file."), e.getMessage());
  }

  @Test
  void brokenSymbolicLinkNamesItsTarget() throws IOException {
    Path link = dir.resolve(IdxFile.TEST_LABELS.fileName());
    Files.createSymbolicLink(link, dir.resolve("gone.gz"));
    DataException e =
        assertThrows(DataException.class, () -> IdxValidator.check(link, IdxFile.TEST_LABELS));
    assertTrue(
        e.getMessage().contains("symbolic link to " + dir.resolve("gone.gz") + ", which does not"),
        e.getMessage());
  }

  @Test
  void zeroByteFileIsTruncated() throws IOException {
    Path file = Files.createFile(dir.resolve("empty.gz"));
    DataException e =
        assertThrows(DataException.class, () -> IdxValidator.check(file, IdxFile.TEST_LABELS));
    assertTrue(e.getMessage().contains("is truncated"), e.getMessage());
  }

  @Test
  void corruptGzipBlockIsReported() throws IOException {
    Path whole = dir.resolve("whole.gz");
    writeLabels(whole, 2049, 10_000, 10_000, 0);
    byte[] bytes = Files.readAllBytes(whole);
    for (int i = 12; i < bytes.length - 8; i++) {
      bytes[i] ^= 0x55; // the deflate stream, not the gzip header or trailer
    }
    Path bad = dir.resolve("bad.gz");
    Files.write(bad, bytes);
    DataException e =
        assertThrows(DataException.class, () -> IdxValidator.check(bad, IdxFile.TEST_LABELS));
    assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("Replace it with the original"), e.getMessage());
  }

  @Test
  void moreDataThanDeclaredIsReported() throws IOException {
    Path file = dir.resolve("labels.gz");
    writeLabels(file, 2049, 10_000, 10_002, 1);
    DataException e =
        assertThrows(DataException.class, () -> IdxValidator.check(file, IdxFile.TEST_LABELS));
    assertTrue(e.getMessage().contains("more data than its header declares"), e.getMessage());
  }

  @Test
  void unreadableFileOrDirectorySaysPermissionDenied() throws Exception {
    // Root reads everything: then the check runs in a child process as user nobody.
    boolean root = "root".equals(System.getProperty("user.name"));
    org.junit.jupiter.api.Assumptions.assumeTrue(
        !root || nobodyCanRun(), "needs runuser and classes that user nobody can read");
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path data = Files.createDirectory(dir.resolve("data"));
    for (IdxFile f : IdxFile.values()) {
      Files.writeString(data.resolve(f.fileName()), "x");
    }
    Path file = data.resolve(IdxFile.TRAIN_IMAGES.fileName());
    Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
    assertEquals(
        "Cannot read "
            + file
            + ": permission denied. Make it readable (chmod a+r) or pass"
            + " --data DIR to a copy you can read.",
        validateAsOtherUser(data, root));
    Files.setPosixFilePermissions(
        data, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    assertTrue(
        validateAsOtherUser(data, root)
            .startsWith(
                "Cannot open the Fashion-MNIST directory " + data + ": permission denied."));
  }

  private static boolean nobodyCanRun() throws Exception {
    if (!Files.isExecutable(Path.of("/usr/sbin/runuser"))) {
      return false;
    }
    Path classFile =
        Path.of(ValidateDirectory.class.getResource("ValidateDirectory.class").toURI());
    Process p =
        new ProcessBuilder(
                "/usr/sbin/runuser", "-u", "nobody", "--", "test", "-r", classFile.toString())
            .start();
    return p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private static String validateAsOtherUser(Path data, boolean root) throws Exception {
    if (!root) {
      try {
        IdxValidator.checkDirectory(data);
        return "ok";
      } catch (DataException e) {
        return e.getMessage();
      }
    }
    String classes =
        Path.of(ValidateDirectory.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    String main =
        Path.of(IdxValidator.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    Path log = Files.createTempFile("validate-as-nobody", ".log");
    try {
      Process p =
          new ProcessBuilder(
                  "/usr/sbin/runuser",
                  "-u",
                  "nobody",
                  "--",
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  main + java.io.File.pathSeparator + classes,
                  ValidateDirectory.class.getName(),
                  data.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean ended = p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      String output = Files.readString(log);
      assertTrue(ended, "child did not finish: " + output);
      assertEquals(0, p.exitValue(), output);
      return output.strip();
    } finally {
      Files.delete(log);
    }
  }

  /** Writes a label file; optionally puts {@code badValue} at {@code badAt}. */
  static void writeLabels(Path file, int magic, int declared, int actual, int fill, int... bad)
      throws IOException {
    byte[] labels = new byte[actual];
    java.util.Arrays.fill(labels, (byte) fill);
    if (bad.length == 2) {
      labels[bad[0]] = (byte) bad[1];
    }
    try (DataOutputStream out = gzip(file)) {
      out.writeInt(magic);
      out.writeInt(declared);
      out.write(labels);
    }
  }

  private static DataOutputStream gzip(Path file) throws IOException {
    OutputStream raw = Files.newOutputStream(file);
    return new DataOutputStream(new GZIPOutputStream(raw));
  }
}
