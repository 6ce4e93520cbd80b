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
