package dev.scalinglab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FashionMnistDataTest {

  private final FashionMnistData data = FashionMnistData.load();

  @Test
  void splitsFollowTheQuestion() {
    assertEquals(55_000, data.train().size());
    assertEquals(5_000, data.validation().size());
    assertEquals(10_000, data.test().size());
    assertEquals(784, data.train().images().getShape().get(1));
    assertEquals(1000, data.train(1000).size());
  }

  @Test
  void labelsAreTheOriginalOnes() {
    // The first training labels of Fashion-MNIST: ankle boot, T-shirt, T-shirt, dress, ...
    long[] first = data.train().labels().get("0:5").toLongArray();
    assertEquals(9, first[0]);
    assertEquals(0, first[1]);
    assertEquals(0, first[2]);
    assertEquals(3, first[3]);
    long[] validationFirst = data.validation().labels().get("0:1").toLongArray();
    long[] sameRow = data.train().labels().get("0:1").toLongArray();
    assertTrue(validationFirst.length == 1 && sameRow.length == 1);
  }

  @Test
  void validationIsTheLastFiveThousandTrainingImages() {
    NDArray all = data.train().images();
    assertEquals(55_000, all.getShape().get(0));
    // The validation split starts where the training split ends: its rows differ from row 0.
    NDArray firstValidation = data.validation().images().get("0");
    assertTrue(firstValidation.sub(all.get("54999")).abs().sum().getFloat() > 0);
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
      assertEquals(0f, raw.sub(split.images()).abs().max().getFloat());
      assertEquals(0f, scaled.sub(split.images().div(255f)).abs().max().getFloat());
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
    NDArray a = local.validation().images();
    NDArray b = data.validation().images();
    assertEquals(0f, a.sub(b).abs().max().getFloat());
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
