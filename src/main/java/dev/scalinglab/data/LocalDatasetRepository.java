package dev.scalinglab.data;

import ai.djl.Application;
import ai.djl.repository.Artifact;
import ai.djl.repository.MRL;
import ai.djl.repository.Metadata;
import ai.djl.repository.Repository;
import ai.djl.util.JsonUtils;
import ai.djl.util.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DJL dataset repository that serves the four files of a local directory to {@code FashionMnist}.
 *
 * <p>DJL unpacks a dataset into a cache folder named after its group id and reuses that folder
 * whenever it exists. The group id written here therefore carries a fingerprint of the files' SHA-1
 * hashes, so other files never silently reuse a stale cache; the same hashes let DJL check its
 * copy.
 *
 * <p>Several processes (a CLI run, notebooks, parallel tests) share DJL's cache. The metadata file
 * lives in a folder of its own per data directory and is replaced atomically, and only when its
 * content changes, so a reader never sees it half written; unpacking and repairing the cache copy
 * happen under a lock shared by threads and processes.
 */
final class LocalDatasetRepository {

  static final String ARTIFACT_ID = "fashmnist";
  static final String VERSION = "1.0";

  private static final Logger LOGGER = LoggerFactory.getLogger(LocalDatasetRepository.class);
  private static final Object JVM_LOCK = new Object();
  // Copies whose SHA-1 matched, by path, size and modification time: hashed once per JVM, since
  // notebooks and tests open the repository many times and a change of bytes changes the time.
  private static final java.util.Set<String> VERIFIED =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final Repository repository;
  private final String groupId;
  private final String fingerprint;
  private final Path dataDir;

  private LocalDatasetRepository(
      Repository repository, String groupId, String fingerprint, Path dataDir) {
    this.repository = repository;
    this.groupId = groupId;
    this.fingerprint = fingerprint;
    this.dataDir = dataDir;
  }

  /** Writes the repository metadata for the files in {@code dataDir} and opens it. */
  static LocalDatasetRepository create(Path dataDir) throws IOException {
    Map<IdxFile, String> hashes = new LinkedHashMap<>();
    for (IdxFile file : IdxFile.values()) {
      hashes.put(file, sha1(dataDir.resolve(file.fileName())));
    }
    return create(dataDir, hashes);
  }

  /** Same as {@link #create(Path)} with the files' SHA-1 hashes already known. */
  static LocalDatasetRepository create(Path dataDir, Map<IdxFile, String> hashes)
      throws IOException {
    String fingerprint = sha1(String.join("", hashes.values())).substring(0, 16);
    String groupId = "scalinglab.local.f" + fingerprint;
    // The metadata names this directory's files, so each directory has its own; the unpacked
    // copy in DJL's cache depends on the group id only and is shared by identical files.
    Path absolute = dataDir.toAbsolutePath().normalize();
    String directoryHash = sha1(absolute.toString()).substring(0, 12);
    Path root = scalingLabCacheDir().resolve("repo-" + fingerprint + "-d" + directoryHash);
    Path metadataDir =
        root.resolve("dataset/cv").resolve(groupId.replace('.', '/')).resolve(ARTIFACT_ID);
    Files.createDirectories(metadataDir);
    AtomicFiles.writeIfChanged(
        metadataDir.resolve("metadata.json"), metadata(absolute, groupId, hashes));
    return new LocalDatasetRepository(
        Repository.newInstance("scaling-lab-" + fingerprint, root), groupId, fingerprint, absolute);
  }

  Repository repository() {
    return repository;
  }

  String groupId() {
    return groupId;
  }

  /**
   * Unpacks the files into DJL's cache unless a good copy is there; a bad copy (cut short, wrong
   * header, bytes other than the SHA-1 recorded when it was written) is named in a warning, removed
   * and unpacked again. Throws {@link DataException} when the cache cannot be written or the fresh
   * copy is bad too.
   */
  void prepareCache() {
    Path resourceDir = null;
    try {
      Artifact artifact =
          MRL.dataset(repository, Application.CV.ANY, groupId, ARTIFACT_ID, VERSION)
              .getDefaultArtifact();
      resourceDir = repository.getResourceDirectory(artifact);
      synchronized (JVM_LOCK) {
        try (FileChannel channel = lockFile();
            FileLock lock = channel.lock()) {
          CopyChecksums checksums =
              new CopyChecksums(scalingLabCacheDir().resolve("unpacked-" + fingerprint + ".json"));
          Optional<Map<String, String>> recorded = checksums.read();
          if (recorded.isEmpty()) {
            // A copy with no record was written by an older build or cut off mid-way: rebuild it
            // once, so that the checksums recorded below are those of a copy made from the files.
            Utils.deleteQuietly(resourceDir);
          }
          repository.prepare(artifact);
          List<String> problems = problems(artifact, resourceDir, recorded);
          if (!problems.isEmpty()) {
            LOGGER.warn(
                "DJL's cached copy of Fashion-MNIST is damaged ({}); rebuilding it from {}",
                String.join("; ", problems),
                dataDir);
            checksums.delete();
            Utils.deleteQuietly(resourceDir);
            repository.prepare(artifact);
            problems = problems(artifact, resourceDir, Optional.empty());
            if (!problems.isEmpty()) {
              throw new DataException(
                  "DJL's cached copy of Fashion-MNIST is damaged even after rebuilding it from "
                      + dataDir
                      + " ("
                      + String.join("; ", problems)
                      + "). Check free space and permissions there, or set DJL_CACHE_DIR to"
                      + " another directory.");
            }
            recorded = Optional.empty();
          }
          if (recorded.isEmpty()) {
            checksums.write(copies(artifact, resourceDir));
          }
        }
      }
    } catch (IOException e) {
      throw new DataException(
          "Cannot unpack Fashion-MNIST from "
              + dataDir
              + " into DJL's cache "
              + (resourceDir == null ? Utils.getCacheDir() : resourceDir)
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage())
              + ". Check free space and permissions there, or set DJL_CACHE_DIR to a writable"
              + " directory.",
          e);
    }
  }

  private static List<String> problems(
      Artifact artifact, Path resourceDir, Optional<Map<String, String>> recorded)
      throws IOException {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<IdxFile, Path> entry : copies(artifact, resourceDir).entrySet()) {
      Path copy = entry.getValue();
      Optional<String> problem = UnpackedCopy.problem(copy, entry.getKey());
      String seen =
          problem.isEmpty()
              ? copy + " " + Files.size(copy) + " " + Files.getLastModifiedTime(copy)
              : "";
      if (problem.isEmpty() && recorded.isPresent() && !VERIFIED.contains(seen)) {
        String expected = recorded.get().get(entry.getKey().fileName());
        String actual = sha1(copy);
        if (actual.equals(expected)) {
          VERIFIED.add(seen);
        } else {
          problem = Optional.of("has SHA-1 " + actual + " instead of " + expected + " as written");
        }
      }
      problem.ifPresent(p -> problems.add(copy + " " + p));
    }
    return problems;
  }

  private static Map<IdxFile, Path> copies(Artifact artifact, Path resourceDir) {
    Map<IdxFile, Path> copies = new LinkedHashMap<>();
    for (IdxFile file : IdxFile.values()) {
      copies.put(file, resourceDir.resolve(artifact.getFiles().get(file.djlKey()).getName()));
    }
    return copies;
  }

  private FileChannel lockFile() throws IOException {
    Path dir = scalingLabCacheDir();
    Files.createDirectories(dir);
    return FileChannel.open(
        dir.resolve("unpack-" + fingerprint + ".lock"),
        StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
  }

  private static Path scalingLabCacheDir() {
    return Utils.getCacheDir().resolve("scaling-lab");
  }

  /** Returns DJL's metadata of the four files in {@code dataDir}, as DJL's own JSON. */
  static String metadata(Path dataDir, String groupId, Map<IdxFile, String> hashes)
      throws IOException {
    Map<String, Artifact.Item> files = new LinkedHashMap<>();
    for (Map.Entry<IdxFile, String> e : hashes.entrySet()) {
      Path path = dataDir.resolve(e.getKey().fileName());
      Artifact.Item item = new Artifact.Item();
      // Absolute file:// URIs: DJL resolves relative ones differently in prepare and open.
      item.setUri(path.toUri().toString());
      item.setSha1Hash(e.getValue());
      item.setSize(Files.size(path));
      files.put(e.getKey().djlKey(), item);
    }
    Artifact artifact = new Artifact();
    artifact.setVersion(VERSION);
    artifact.setSnapshot(false);
    artifact.setFiles(files);
    Metadata metadata = new Metadata();
    metadata.setMetadataVersion("0.2");
    metadata.setResourceType("dataset");
    metadata.setApplication(Application.CV.ANY);
    metadata.setGroupId(groupId);
    metadata.setArtifactId(ARTIFACT_ID);
    metadata.setName("fashmnist");
    metadata.setDescription("Fashion-MNIST from local files");
    metadata.setArtifacts(List.of(artifact));
    return JsonUtils.GSON_PRETTY.toJson(metadata) + "\n";
  }

  /** Returns the SHA-1 of a file's bytes as hex. */
  static String sha1(Path path) throws IOException {
    MessageDigest digest = newSha1();
    try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static String sha1(String text) {
    return HexFormat.of().formatHex(newSha1().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest newSha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK lacks SHA-1", e);
    }
  }
}
