package dev.scalinglab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class FashionMnistDataTest {

  private static final int PIXELS = FashionMnistData.PIXELS;

  private final FashionMnistData data = FashionMnistData.load();

  @Test
  void splitsFollowTheQuestion() {
    assertEquals(55_000, data.train().size());
    assertEquals(5_000, data.validation().size());
    assertEquals(10_000, data.test().size());
    assertEquals(784, data.train().images().getShape().get(1));
    // Whole numbers 0..255 kept as bytes: a float32 copy of all 70,000 images would take 220 MB.
    assertEquals(DataType.UINT8, data.train().images().getDataType());
    assertEquals(1000, data.train(1000).size());
  }

  @Test
  void labelsAreTheOriginalOnes() {
    // The first training labels of Fashion-MNIST: ankle boot, T-shirt, T-shirt, dress, ...
    long[] first = data.train().labels().get("0:4").toLongArray();
    assertArrayEquals(new long[] {9, 0, 0, 3}, first);
  }

  @Test
  void trainIsTheFirst55000AndValidationTheLast5000OfTheFile() throws IOException {
    // Read independently of DJL: the IDX files as published, straight from their gzip.
    byte[] labels = idx(IdxFile.TRAIN_LABELS, 8);
    byte[] pixels = idx(IdxFile.TRAIN_IMAGES, 16);
    assertEquals(60_000, labels.length);

    assertArrayEquals(longs(labels, 0, 55_000), data.train().labels().toLongArray());
    assertArrayEquals(longs(labels, 55_000, 60_000), data.validation().labels().toLongArray());
    // Every image, by its pixel sum (exact in float32: at most 784 * 255), in order.
    assertArrayEquals(rowSums(pixels, 0, 55_000), engineRowSums(data.train().images()));
    assertArrayEquals(rowSums(pixels, 55_000, 60_000), engineRowSums(data.validation().images()));
    // The rows at both edges of the cut, pixel by pixel.
    assertArrayEquals(
        row(pixels, 0),
        data.train().images().get("0").toType(DataType.FLOAT32, false).toFloatArray());
    assertArrayEquals(
        row(pixels, 54_999),
        data.train().images().get("54999").toType(DataType.FLOAT32, false).toFloatArray());
    assertArrayEquals(
        row(pixels, 55_000),
        data.validation().images().get("0").toType(DataType.FLOAT32, false).toFloatArray());
    assertArrayEquals(
        row(pixels, 59_999),
        data.validation().images().get("4999").toType(DataType.FLOAT32, false).toFloatArray());
    assertArrayEquals(rowSums(pixels, 0, 1000), engineRowSums(data.train(1000).images()));
  }

  @Test
  void testIsTheTestFile() throws IOException {
    byte[] labels = idx(IdxFile.TEST_LABELS, 8);
    byte[] pixels = idx(IdxFile.TEST_IMAGES, 16);
    assertArrayEquals(longs(labels, 0, 10_000), data.test().labels().toLongArray());
    assertArrayEquals(rowSums(pixels, 0, 10_000), engineRowSums(data.test().images()));
  }

  /** Returns the values of an original IDX file after its header. */
  private byte[] idx(IdxFile file, int header) throws IOException {
    Path path = data.source().localDirectory().orElseThrow().resolve(file.fileName());
    try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
      byte[] all = in.readAllBytes();
      return Arrays.copyOfRange(all, header, all.length);
    }
  }

  private static long[] longs(byte[] bytes, int from, int to) {
    long[] out = new long[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = bytes[i] & 0xff;
    }
    return out;
  }

  private static float[] row(byte[] pixels, int index) {
    float[] out = new float[PIXELS];
    for (int p = 0; p < PIXELS; p++) {
      out[p] = pixels[index * PIXELS + p] & 0xff;
    }
    return out;
  }

  private static float[] rowSums(byte[] pixels, int from, int to) {
    float[] sums = new float[to - from];
    for (int i = from; i < to; i++) {
      int sum = 0;
      for (int p = 0; p < PIXELS; p++) {
        sum += pixels[i * PIXELS + p] & 0xff;
      }
      sums[i - from] = sum;
    }
    return sums;
  }

  private static float[] engineRowSums(NDArray images) {
    return images.toType(DataType.FLOAT32, false).sum(new int[] {1}).toFloatArray();
  }

  @Test
  void rawFeaturesReach255AndScaledOnesOne() {
    try (NDManager manager = Engine.getInstance().newBaseManager()) {
      Split split = data.train(2000);
      NDArray raw = split.features(255f, manager);
      NDArray scaled = split.features(1f, manager);
      assertEquals(255f, raw.max().getFloat());
      assertEquals(1f, scaled.max().getFloat());
      assertEquals(0f, scaled.min().getFloat());
      // Raw is exactly the stored pixels; scaled is exactly raw / 255, as in the question.
      assertEquals(
          0f, raw.sub(split.images().toType(DataType.FLOAT32, false)).abs().max().getFloat());
      assertEquals(
          0f,
          scaled
              .sub(split.images().toType(DataType.FLOAT32, false).div(255f))
              .abs()
              .max()
              .getFloat());
    }
  }

  @Test
  void loadIsCachedPerSource() {
    assertSame(data, FashionMnistData.load());
  }

  @Test
  void badScaleIsRejectedWithItsValue() {
    try (NDManager manager = Engine.getInstance().newBaseManager()) {
      Split split = data.train(10);
      for (float bad : new float[] {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY}) {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> split.features(bad, manager));
        assertTrue(e.getMessage().contains("Input scale"), e.getMessage());
      }
    }
  }

  @Test
  void badTrainSizeIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> data.train(0));
    assertThrows(IllegalArgumentException.class, () -> data.train(55_001));
  }

  @Test
  void explicitDirectoryLoadsTheSameDataThroughDjl(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws java.io.IOException {
    linkAll(tmp, null);
    FashionMnistData local = FashionMnistData.load(tmp);
    assertArrayEquals(
        data.validation().images().toByteArray(), local.validation().images().toByteArray());
    assertEquals(0L, local.test().labels().sub(data.test().labels()).abs().max().getLong());
  }

  @Test
  void truncatedFileInDirectoryIsNamed(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws java.io.IOException {
    linkAll(tmp, IdxFile.TRAIN_LABELS);
    Path original = DataSource.DEBIAN_DIRECTORY.resolve(IdxFile.TRAIN_LABELS.fileName());
    byte[] bytes = java.nio.file.Files.readAllBytes(original);
    Path cut = tmp.resolve(IdxFile.TRAIN_LABELS.fileName());
    java.nio.file.Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    DataException e = assertThrows(DataException.class, () -> FashionMnistData.load(tmp));
    assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  private static void linkAll(Path dir, IdxFile except) throws java.io.IOException {
    for (IdxFile f : IdxFile.values()) {
      if (f != except) {
        java.nio.file.Files.createSymbolicLink(
            dir.resolve(f.fileName()), DataSource.DEBIAN_DIRECTORY.resolve(f.fileName()));
      }
    }
  }

  @Test
  void noLocalFilesAndNoDownloadSaysWhatToInstall(@org.junit.jupiter.api.io.TempDir Path cache) {
    // An empty DJL cache and offline mode: what a machine without network or files sees.
    String oldCache = System.getProperty("DJL_CACHE_DIR");
    String oldOffline = System.getProperty("ai.djl.offline");
    System.setProperty("DJL_CACHE_DIR", cache.toString());
    System.setProperty("ai.djl.offline", "true");
    try {
      DataException e =
          assertThrows(DataException.class, () -> FashionMnistData.load(DataSource.download()));
      assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
      assertTrue(e.getMessage().contains("--data DIR"), e.getMessage());
    } finally {
      restore("DJL_CACHE_DIR", oldCache);
      restore("ai.djl.offline", oldOffline);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @Test
  void missingExplicitDirectoryGivesAClearError(@org.junit.jupiter.api.io.TempDir Path tmp) {
    Path missing = tmp.resolve("no-such-dir");
    DataException e = assertThrows(DataException.class, () -> FashionMnistData.load(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }
}
