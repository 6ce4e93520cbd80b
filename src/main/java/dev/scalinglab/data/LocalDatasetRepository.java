package dev.scalinglab.data;

import ai.djl.repository.Repository;
import ai.djl.util.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DJL dataset repository that serves the four files of a local directory to {@code FashionMnist}.
 *
 * <p>DJL unpacks a dataset into a cache folder named after its group id and reuses that folder
 * whenever it exists. The group id written here therefore carries a fingerprint of the files' SHA-1
 * hashes, so other files never silently reuse a stale cache; the same hashes let DJL check its
 * copy.
 */
final class LocalDatasetRepository {

  static final String ARTIFACT_ID = "fashmnist";

  private final Repository repository;
  private final String groupId;

  private LocalDatasetRepository(Repository repository, String groupId) {
    this.repository = repository;
    this.groupId = groupId;
  }

  /** Writes the repository metadata for the files in {@code dataDir} and opens it. */
  static LocalDatasetRepository create(Path dataDir) throws IOException {
    Map<IdxFile, String> hashes = new LinkedHashMap<>();
    StringBuilder all = new StringBuilder();
    for (IdxFile file : IdxFile.values()) {
      String sha1 = sha1(dataDir.resolve(file.fileName()));
      hashes.put(file, sha1);
      all.append(sha1);
    }
    String fingerprint = sha1(all.toString()).substring(0, 16);
    String groupId = "scalinglab.local.f" + fingerprint;
    Path root = Utils.getCacheDir().resolve("scaling-lab").resolve("repo-" + fingerprint);
    Path metadataDir =
        root.resolve("dataset/cv").resolve(groupId.replace('.', '/')).resolve(ARTIFACT_ID);
    Files.createDirectories(metadataDir);
    Files.writeString(
        metadataDir.resolve("metadata.json"),
        metadata(dataDir, groupId, hashes),
        StandardCharsets.UTF_8);
    return new LocalDatasetRepository(
        Repository.newInstance("scaling-lab-" + fingerprint, root), groupId);
  }

  Repository repository() {
    return repository;
  }

  String groupId() {
    return groupId;
  }

  private static String metadata(Path dataDir, String groupId, Map<IdxFile, String> hashes)
      throws IOException {
    StringBuilder files = new StringBuilder();
    for (Map.Entry<IdxFile, String> e : hashes.entrySet()) {
      Path path = dataDir.resolve(e.getKey().fileName()).toAbsolutePath();
      if (files.length() > 0) {
        files.append(",\n");
      }
      // Absolute file:// URIs: DJL resolves relative ones differently in prepare and open.
      files.append(
          String.format(
              "        \"%s\": {\"uri\": \"%s\", \"sha1Hash\": \"%s\", \"size\": %d}",
              e.getKey().djlKey(), path.toUri(), e.getValue(), Files.size(path)));
    }
    return "{\n"
        + "  \"metadataVersion\": \"0.2\",\n"
        + "  \"resourceType\": \"dataset\",\n"
        + "  \"application\": \"cv\",\n"
        + "  \"groupId\": \""
        + groupId
        + "\",\n"
        + "  \"artifactId\": \""
        + ARTIFACT_ID
        + "\",\n"
        + "  \"name\": \"fashmnist\",\n"
        + "  \"description\": \"Fashion-MNIST from local files\",\n"
        + "  \"artifacts\": [{\n"
        + "    \"version\": \"1.0\",\n"
        + "    \"snapshot\": false,\n"
        + "    \"files\": {\n"
        + files
        + "\n    }\n"
        + "  }]\n"
        + "}\n";
  }

  private static String sha1(Path path) throws IOException {
    MessageDigest digest = newSha1();
    try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String sha1(String text) {
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
