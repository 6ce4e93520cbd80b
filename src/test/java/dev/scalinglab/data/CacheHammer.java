package dev.scalinglab.data;

import ai.djl.Application;
import ai.djl.repository.MRL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A child process for {@link LocalDatasetRepositoryTest}: opens the local repository of the given
 * directory again and again, as every load does, and reads its metadata back each time. Prints "ok
 * N" and exits 0, or prints the first failure and exits 1.
 */
public final class CacheHammer {

  private CacheHammer() {}

  /** Arguments: the data directory and the number of rounds. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int rounds = Integer.parseInt(args[1]);
    Map<IdxFile, String> hashes = hashes(dir);
    try {
      for (int i = 0; i < rounds; i++) {
        openAndRead(dir, hashes);
      }
      System.out.println("ok " + rounds);
    } catch (Exception | Error e) {
      System.out.println("failed: " + e);
      System.exit(1);
    }
  }

  static Map<IdxFile, String> hashes(Path dir) throws java.io.IOException {
    Map<IdxFile, String> hashes = new LinkedHashMap<>();
    for (IdxFile file : IdxFile.values()) {
      hashes.put(file, LocalDatasetRepository.sha1(dir.resolve(file.fileName())));
    }
    return hashes;
  }

  /** What a load does to the repository: write its metadata, read it back, check the cache. */
  static void openAndRead(Path dir, Map<IdxFile, String> hashes) throws java.io.IOException {
    LocalDatasetRepository repo = LocalDatasetRepository.create(dir, hashes);
    MRL mrl =
        MRL.dataset(
            repo.repository(),
            Application.CV.ANY,
            repo.groupId(),
            LocalDatasetRepository.ARTIFACT_ID,
            LocalDatasetRepository.VERSION);
    if (mrl.getDefaultArtifact().getFiles().size() != IdxFile.values().length) {
      throw new IllegalStateException("metadata lists the wrong files");
    }
    repo.prepareCache();
  }
}
