package dev.scalinglab.data;

import ai.djl.util.Utils;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;

/**
 * The SHA-1 of source files, remembered across JVMs with each file's size, modification time and
 * file key (inode), so that a kernel start does not hash the 30 MB of Fashion-MNIST archives again
 * (0.35–0.9 s of every load with the C1 compiler only). A file whose size, time or inode changed is
 * hashed again, as {@code git} and {@code make} decide what changed.
 *
 * <p>The store is a small properties file written atomically; two processes writing at once lose at
 * most an entry, which is hashed again on the next load.
 */
final class SourceHashes {

  private final Path store;

  SourceHashes(Path store) {
    this.store = store;
  }

  /** Returns the hashes remembered beside the decoded-array cache in DJL's cache directory. */
  static SourceHashes inCache() {
    return new SourceHashes(Utils.getCacheDir().resolve("scaling-lab").resolve("sources.sha1"));
  }

  /** Returns the SHA-1 of {@code file}'s bytes as hex, hashing it only if it changed. */
  String sha1(Path file) throws IOException {
    Path absolute = file.toAbsolutePath().normalize();
    String stamp = stamp(absolute);
    String key = absolute.toString();
    Properties known = read();
    String remembered = known.getProperty(key, "");
    if (remembered.startsWith(stamp + " ")) {
      return remembered.substring(stamp.length() + 1);
    }
    String sha1 = LocalDatasetRepository.sha1(absolute);
    if (stamp.equals(stamp(absolute))) {
      // Unchanged while hashed: the hash belongs to this stamp.
      known.setProperty(key, stamp + " " + sha1);
      write(known);
    }
    return sha1;
  }

  private static String stamp(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    return attributes.size()
        + " "
        + attributes.lastModifiedTime().toInstant()
        + " "
        + String.valueOf(attributes.fileKey()).replace(' ', '_');
  }

  private Properties read() {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(store, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      // Nothing remembered yet.
    } catch (IOException | IllegalArgumentException e) {
      // An unreadable store only costs hashing again; it is rewritten below.
      properties.clear();
    }
    return properties;
  }

  private void write(Properties properties) {
    try {
      Files.createDirectories(store.getParent());
      StringWriter text = new StringWriter();
      properties.store(text, "SHA-1 of source files by path: size, modification time, file key");
      AtomicFiles.writeIfChanged(store, text.toString());
    } catch (IOException e) {
      // Not remembered: the next load hashes the file again.
    }
  }
}
