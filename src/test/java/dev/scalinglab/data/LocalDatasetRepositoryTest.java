package dev.scalinglab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import dev.scalinglab.engine.EngineSetup;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent loads sharing one DJL cache, and a damaged cache copy. Each test works in a DJL cache
 * of its own, so it neither disturbs nor depends on the user's.
 */
class LocalDatasetRepositoryTest {

  private static final Path DATA = DataSource.DEBIAN_DIRECTORY;

  @TempDir Path cache;
  private String oldCache;

  @BeforeEach
  void useOwnCache() {
    // The engine unpacks libtorch into the cache on first use: start it in the usual one first.
    EngineSetup.configure();
    Engine.getInstance();
    oldCache = System.getProperty("DJL_CACHE_DIR");
    System.setProperty("DJL_CACHE_DIR", cache.toString());
  }

  @AfterEach
  void restoreCache() {
    if (oldCache == null) {
      System.clearProperty("DJL_CACHE_DIR");
    } else {
      System.setProperty("DJL_CACHE_DIR", oldCache);
    }
  }

  @Test
  void metadataIsDjlsOwnJsonWithAbsoluteFileUris(@TempDir Path dir) throws IOException {
    Map<IdxFile, String> hashes = new java.util.LinkedHashMap<>();
    for (IdxFile f : IdxFile.values()) {
      Files.write(dir.resolve(f.fileName()), new byte[10 + f.ordinal()]);
      hashes.put(f, "5ha1-" + f.ordinal());
    }
    String json = LocalDatasetRepository.metadata(dir, "scalinglab.local.f0123", hashes);
    ai.djl.repository.Metadata read =
        ai.djl.util.JsonUtils.GSON.fromJson(json, ai.djl.repository.Metadata.class);
    assertEquals("0.2", read.getMetadataVersion());
    assertEquals("scalinglab.local.f0123", read.getGroupId());
    assertEquals("fashmnist", read.getArtifactId());
    assertEquals("cv", read.getApplication().getPath());
    assertEquals(1, read.getArtifacts().size());
    var artifact = read.getArtifacts().get(0);
    assertEquals("1.0", artifact.getVersion());
    assertEquals(4, artifact.getFiles().size());
    for (IdxFile f : IdxFile.values()) {
      var item = artifact.getFiles().get(f.djlKey());
      assertEquals(dir.resolve(f.fileName()).toUri().toString(), item.getUri());
      assertTrue(java.net.URI.create(item.getUri()).isAbsolute());
      assertEquals("5ha1-" + f.ordinal(), item.getSha1Hash());
      assertEquals(10 + f.ordinal(), item.getSize());
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void threadsOpeningTheRepositoryTogetherNeverFail() throws Exception {
    Map<IdxFile, String> hashes = CacheHammer.hashes(DATA);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 300; i++) {
                    CacheHammer.openAndRead(DATA, hashes);
                  }
                  return null;
                }));
      }
      for (Future<?> run : runs) {
        run.get(); // rethrows the first failure of that thread
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void processesSharingOneCacheNeverFail() throws Exception {
    List<Process> children = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "-DDJL_CACHE_DIR=" + cache,
                  CacheHammer.class.getName(),
                  DATA.toString(),
                  "300")
              .redirectErrorStream(true)
              .redirectOutput(cache.resolve("child-" + p + ".log").toFile());
      children.add(builder.start());
    }
    for (int p = 0; p < children.size(); p++) {
      Process child = children.get(p);
      boolean ended = child.waitFor(240, TimeUnit.SECONDS);
      if (!ended) {
        child.destroyForcibly();
      }
      String log = Files.readString(cache.resolve("child-" + p + ".log"), StandardCharsets.UTF_8);
      assertTrue(ended, "child " + p + " did not finish: " + log);
      assertEquals(0, child.exitValue(), "child " + p + ": " + log);
      assertTrue(log.contains("ok 300"), log);
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void threadsLoadingTogetherGetTheSameData() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<FashionMnistData>> loads = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        loads.add(pool.submit(() -> FashionMnistData.read(DataSource.directory(DATA))));
      }
      List<FashionMnistData> loaded = new ArrayList<>();
      for (Future<FashionMnistData> load : loads) {
        loaded.add(load.get());
      }
      for (FashionMnistData other : loaded.subList(1, loaded.size())) {
        assertEquals(
            0f,
            other
                .train()
                .images()
                .toType(DataType.FLOAT32, false)
                .sub(loaded.get(0).train().images().toType(DataType.FLOAT32, false))
                .abs()
                .max()
                .getFloat());
      }
      loaded.forEach(d -> d.manager().close());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void truncatedCacheCopyIsRebuiltNotBlamedOnTheFiles() throws IOException {
    LocalDatasetRepository.create(DATA).prepareCache();
    Path copy = unpacked("train-images-idx3-ubyte");
    long size = Files.size(copy);
    assertEquals(UnpackedCopy.expectedSize(IdxFile.TRAIN_IMAGES), size);
    try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
      channel.truncate(size / 2);
    }

    FashionMnistData data = FashionMnistData.read(DataSource.directory(DATA));
    try {
      assertEquals(size, Files.size(copy), "the damaged copy is rebuilt");
      assertEquals(55_000, data.train().size());
      // The last validation image is from the end of the rebuilt file: not zeros.
      assertTrue(
          data.validation().images().get("4999").toType(DataType.FLOAT32, false).sum().getFloat()
              > 0);
    } finally {
      data.manager().close();
    }
  }

  @Test
  void cacheCopyOfTheRightSizeWithWrongBytesIsRebuilt() throws IOException {
    LocalDatasetRepository repo = LocalDatasetRepository.create(DATA);
    repo.prepareCache();
    Path copy = unpacked("train-images-idx3-ubyte");
    byte[] good = Files.readAllBytes(copy);
    byte[] bad = good.clone();
    // A write that stopped half-way into a file of the right length: the tail is zeros.
    java.util.Arrays.fill(bad, bad.length / 2, bad.length, (byte) 0);
    Files.write(copy, bad);
    assertEquals(java.util.Optional.empty(), UnpackedCopy.problem(copy, IdxFile.TRAIN_IMAGES));

    repo.prepareCache();
    assertTrue(java.util.Arrays.equals(good, Files.readAllBytes(copy)), "the copy is rebuilt");
  }

  @Test
  void cacheCopyWithAForeignHeaderIsRebuilt() throws IOException {
    LocalDatasetRepository repo = LocalDatasetRepository.create(DATA);
    repo.prepareCache();
    Path copy = unpacked("t10k-labels-idx1-ubyte");
    byte[] bytes = Files.readAllBytes(copy);
    bytes[3] = 3; // magic 2051 (images) instead of 2049 (labels)
    Files.write(copy, bytes);
    assertTrue(UnpackedCopy.problem(copy, IdxFile.TEST_LABELS).isPresent());

    repo.prepareCache();
    assertEquals(java.util.Optional.empty(), UnpackedCopy.problem(copy, IdxFile.TEST_LABELS));
  }

  @Test
  void truncatedMetadataLeftBehindIsReplaced() throws IOException {
    LocalDatasetRepository.create(DATA);
    Path metadata;
    try (Stream<Path> files = Files.walk(cache.resolve("scaling-lab"))) {
      metadata = files.filter(f -> f.endsWith("metadata.json")).findFirst().orElseThrow();
    }
    Files.writeString(metadata, "");
    CacheHammer.openAndRead(DATA, CacheHammer.hashes(DATA));
    assertTrue(Files.size(metadata) > 100);
  }

  @Test
  void problemsOfACopyAreDescribed() throws IOException {
    Path file = cache.resolve("copy");
    assertEquals("is missing", UnpackedCopy.problem(file, IdxFile.TEST_LABELS).orElseThrow());
    Files.write(file, new byte[100]);
    assertEquals(
        "has 100 bytes instead of 10008",
        UnpackedCopy.problem(file, IdxFile.TEST_LABELS).orElseThrow());
  }

  private Path unpacked(String name) throws IOException {
    try (Stream<Path> files = Files.walk(cache.resolve("cache"))) {
      return files.filter(f -> f.getFileName().toString().equals(name)).findFirst().orElseThrow();
    }
  }
}
