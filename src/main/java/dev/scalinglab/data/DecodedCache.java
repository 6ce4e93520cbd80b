package dev.scalinglab.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.Utils;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fashion-MNIST as DJL decoded it, kept in one file and mapped on later loads.
 *
 * <p>Decoding through DJL's {@code FashionMnist} takes seconds and, while it runs, about 400 MB
 * more than the 55 MB of pixels kept; every kernel start (Restart Kernel and Run All) paid both.
 * The file is written once, atomically, named after the source files' SHA-1 hashes, and carries a
 * checksum of its content: a file cut short or altered is named in a warning, removed, and decoded
 * again.
 *
 * <p>Layout (big-endian): magic, version, train count, test count, train pixels (uint8, count ×
 * 784), train labels (uint8), test pixels, test labels, CRC32C of all bytes before it.
 */
final class DecodedCache {

  private static final Logger LOGGER = LoggerFactory.getLogger(DecodedCache.class);
  private static final int MAGIC = 0x534C464D; // "SLFM"
  private static final int VERSION = 1;
  private static final int HEADER = 16;

  private DecodedCache() {}

  /** The cached arrays of both usages. */
  record Decoded(Split train, Split test) {}

  /**
   * Returns the cache file for the four files in {@code dataDir}, named after their SHA-1 hashes;
   * empty when one of them cannot be read (the loader's checks then say which and why).
   */
  static Optional<Path> file(Path dataDir) {
    StringBuilder hashes = new StringBuilder();
    try {
      for (IdxFile idx : IdxFile.values()) {
        hashes.append(LocalDatasetRepository.sha1(dataDir.resolve(idx.fileName())));
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    String key = LocalDatasetRepository.sha1(hashes.toString()).substring(0, 16);
    return Optional.of(
        Utils.getCacheDir().resolve("scaling-lab").resolve("decoded-" + key + ".bin"));
  }

  /**
   * Returns the arrays stored in {@code file}, owned by {@code manager}; empty when there is no
   * file or it is damaged (then it is removed, with a warning naming it).
   */
  static Optional<Decoded> read(Path file, NDManager manager) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < HEADER + Long.BYTES) {
        return damaged(file, "it has " + size + " bytes, less than a header");
      }
      MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      map.order(ByteOrder.BIG_ENDIAN);
      if (map.getInt(0) != MAGIC || map.getInt(4) != VERSION) {
        return damaged(file, "its header is not this version's");
      }
      int trainCount = map.getInt(8);
      int testCount = map.getInt(12);
      if (trainCount != IdxFile.TRAIN_IMAGES.count() || testCount != IdxFile.TEST_IMAGES.count()) {
        return damaged(file, "it holds " + trainCount + " + " + testCount + " images");
      }
      long expected = HEADER + (long) (trainCount + testCount) * (FashionMnistData.PIXELS + 1);
      if (size != expected + Long.BYTES) {
        return damaged(file, "it has " + size + " bytes, not " + (expected + Long.BYTES));
      }
      CRC32C crc = new CRC32C();
      crc.update(map.slice(0, (int) expected));
      if (crc.getValue() != map.getLong((int) expected)) {
        return damaged(file, "its checksum does not match its content");
      }
      int offset = HEADER;
      Split train = split("train", map, offset, trainCount, manager);
      offset += trainCount * (FashionMnistData.PIXELS + 1);
      Split test = split("test", map, offset, testCount, manager);
      return Optional.of(new Decoded(train, test));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOGGER.warn("Cannot read {} ({}); decoding Fashion-MNIST again", file, e.toString());
      return Optional.empty();
    }
  }

  /** Writes both usages to {@code file} atomically; a failure only costs the next load time. */
  static void write(Path file, Split train, Split test) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
      try {
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          CRC32C crc = new CRC32C();
          ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.BIG_ENDIAN);
          header.putInt(MAGIC).putInt(VERSION).putInt(train.size()).putInt(test.size()).flip();
          writeAll(out, crc, header);
          for (Split split : new Split[] {train, test}) {
            writeAll(out, crc, ByteBuffer.wrap(split.images().toByteArray()));
            writeAll(out, crc, ByteBuffer.wrap(labelBytes(split.labels())));
          }
          ByteBuffer sum = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.BIG_ENDIAN);
          sum.putLong(crc.getValue()).flip();
          while (sum.hasRemaining()) {
            out.write(sum);
          }
          out.force(true);
        }
        AtomicFiles.moveIntoPlace(tmp, file);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      LOGGER.warn(
          "Cannot write {} ({}); later loads decode Fashion-MNIST again", file, e.toString());
    }
  }

  private static Split split(
      String name, MappedByteBuffer map, int offset, int count, NDManager manager) {
    int pixels = count * FashionMnistData.PIXELS;
    NDArray images =
        manager.create(
            copy(map.slice(offset, pixels)),
            new Shape(count, FashionMnistData.PIXELS),
            DataType.UINT8);
    try (NDArray labelBytes =
        manager.create(copy(map.slice(offset + pixels, count)), new Shape(count), DataType.UINT8)) {
      return new Split(name, images, labelBytes.toType(DataType.INT64, false));
    }
  }

  /**
   * Returns the bytes in memory of their own. libtorch could use the mapped pages directly, but a
   * mapping dies with its file: anything that shortened the file in place would crash the kernel
   * (SIGBUS) on the next batch, where a copy costs 55 MB and a few milliseconds once.
   */
  private static ByteBuffer copy(ByteBuffer mapped) {
    ByteBuffer own = ByteBuffer.allocateDirect(mapped.remaining());
    own.put(mapped).flip();
    return own;
  }

  private static byte[] labelBytes(NDArray labels) {
    long[] values = labels.toLongArray();
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  private static void writeAll(FileChannel out, CRC32C crc, ByteBuffer bytes) throws IOException {
    crc.update(bytes.duplicate());
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }

  private static Optional<Decoded> damaged(Path file, String why) throws IOException {
    LOGGER.warn("Removing the damaged Fashion-MNIST cache {} ({}); decoding it again", file, why);
    Files.deleteIfExists(file);
    return Optional.empty();
  }
}
