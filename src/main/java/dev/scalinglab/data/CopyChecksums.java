package dev.scalinglab.data;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SHA-1 of each unpacked file in DJL's cache, recorded when the copy was written.
 *
 * <p>Size and header catch a copy cut short, but not one of the right size with wrong bytes (a disk
 * that filled up mid-write, a stray edit). The record lets every later load compare the copy with
 * what was written.
 */
final class CopyChecksums {

  private static final Gson GSON = new Gson();

  private final Path recordFile;

  CopyChecksums(Path recordFile) {
    this.recordFile = recordFile;
  }

  /** Returns the recorded checksums by file name, or empty when none (or an unreadable one). */
  Optional<Map<String, String>> read() {
    if (!Files.isRegularFile(recordFile)) {
      return Optional.empty();
    }
    try {
      Map<String, String> sums =
          GSON.fromJson(
              Files.readString(recordFile), new TypeToken<Map<String, String>>() {}.getType());
      return Optional.ofNullable(sums).filter(s -> s.size() == IdxFile.values().length);
    } catch (IOException | JsonParseException e) {
      return Optional.empty();
    }
  }

  /** Records the checksums of {@code copies}, the unpacked copy of each file. */
  void write(Map<IdxFile, Path> copies) throws IOException {
    Map<String, String> sums = new LinkedHashMap<>();
    for (Map.Entry<IdxFile, Path> copy : copies.entrySet()) {
      sums.put(copy.getKey().fileName(), LocalDatasetRepository.sha1(copy.getValue()));
    }
    AtomicFiles.writeIfChanged(recordFile, GSON.toJson(sums) + "\n");
  }

  /** Removes the record (before its copy is rebuilt). */
  void delete() throws IOException {
    Files.deleteIfExists(recordFile);
  }
}
