package dev.scalinglab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceHashesTest {

  @Test
  void aKnownFileIsNotHashedAgainAndAChangedOneIs(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a.gz");
    Files.writeString(file, "first");
    Instant written = Instant.parse("2020-06-05T09:05:49Z");
    Files.setLastModifiedTime(file, FileTime.from(written));
    Path store = dir.resolve("store/sources.sha1");
    SourceHashes hashes = new SourceHashes(store);

    String first = hashes.sha1(file);
    assertEquals(LocalDatasetRepository.sha1(file), first);
    assertTrue(Files.readString(store).contains(first), "remembered in " + store);

    // Another JVM's view: a store naming this size, time and inode is believed without hashing.
    String remembered = Files.readString(store).replace(first, "f".repeat(40));
    Files.writeString(store, remembered);
    assertEquals("f".repeat(40), new SourceHashes(store).sha1(file));

    // Same size, new time: hashed again.
    Files.writeString(file, "other");
    Files.setLastModifiedTime(file, FileTime.from(written.plusSeconds(1)));
    String second = new SourceHashes(store).sha1(file);
    assertEquals(LocalDatasetRepository.sha1(file), second);
    assertNotEquals(first, second);
  }

  @Test
  void anUnreadableStoreOnlyCostsHashing(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a.gz");
    Files.writeString(file, "bytes");
    Path store = dir.resolve("sources.sha1");
    Files.write(store, new byte[] {'\\', 'u', 'z', 'z'});
    assertEquals(LocalDatasetRepository.sha1(file), new SourceHashes(store).sha1(file));
  }
}
