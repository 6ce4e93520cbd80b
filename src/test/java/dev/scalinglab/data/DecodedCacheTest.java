package dev.scalinglab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DecodedCacheTest {

  private static final DataSource SOURCE = DataSource.directory(DataSource.DEBIAN_DIRECTORY);
  private static final Path FILE = DecodedCache.file(DataSource.DEBIAN_DIRECTORY).orElseThrow();

  @Test
  void theCacheHoldsExactlyWhatDjlDecoded() throws IOException {
    Files.deleteIfExists(FILE);
    FashionMnistData decoded = FashionMnistData.read(SOURCE);
    assertTrue(Files.isRegularFile(FILE), "the first load writes " + FILE);
    FashionMnistData mapped = FashionMnistData.read(SOURCE);
    try {
      assertSameData(decoded, mapped);
    } finally {
      decoded.manager().close();
      mapped.manager().close();
    }
  }

  @Test
  void aCacheCutShortIsRemovedAndWrittenAgain() throws IOException {
    FashionMnistData.read(SOURCE).manager().close(); // makes sure the file exists
    long size = Files.size(FILE);
    try (RandomAccessFile file = new RandomAccessFile(FILE.toFile(), "rw")) {
      file.setLength(size / 2);
    }
    FashionMnistData again = FashionMnistData.read(SOURCE);
    FashionMnistData reference = FashionMnistData.load();
    try {
      assertEquals(size, Files.size(FILE), "rewritten after the damaged copy was removed");
      assertSameData(reference, again);
    } finally {
      again.manager().close();
    }
  }

  @Test
  void aChangedByteFailsTheChecksum() throws IOException {
    FashionMnistData.read(SOURCE).manager().close();
    try (RandomAccessFile file = new RandomAccessFile(FILE.toFile(), "rw")) {
      long middle = Files.size(FILE) / 2;
      file.seek(middle);
      int b = file.read();
      file.seek(middle);
      file.write(b ^ 1);
    }
    try (NDManager manager = Engine.getInstance().newBaseManager()) {
      assertFalse(DecodedCache.read(FILE, manager).isPresent());
    }
    assertFalse(Files.exists(FILE), "a damaged cache is removed");
  }

  private static void assertSameData(FashionMnistData a, FashionMnistData b) {
    assertArrayEquals(a.train().images().toByteArray(), b.train().images().toByteArray());
    assertArrayEquals(a.train().labels().toLongArray(), b.train().labels().toLongArray());
    assertArrayEquals(a.validation().images().toByteArray(), b.validation().images().toByteArray());
    assertArrayEquals(a.test().images().toByteArray(), b.test().images().toByteArray());
    assertArrayEquals(a.test().labels().toLongArray(), b.test().labels().toLongArray());
  }
}
