package dev.scalinglab.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.Utils;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * Fashion-MNIST as DJL decoded it, kept in one file and read from there on later loads.
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
    SourceHashes known = SourceHashes.inCache();
    try {
      for (IdxFile idx : IdxFile.values()) {
        hashes.append(known.sha1(dataDir.resolve(idx.fileName())));
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
   * file or it is damaged (then it is removed, with a warning naming it). The bytes are read into
   * memory of their own, not mapped: a mapping dies with its file, and anything that shortened the
   * file in place (a test, a full disk, a hand edit) would crash the kernel (SIGBUS) mid-read.
   */
  static Optional<Decoded> read(Path file, NDManager manager) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < HEADER + Long.BYTES) {
        return damaged(file, "it has " + size + " bytes, less than a header");
      }
      ByteBuffer header = readFully(channel, 0, HEADER);
      if (header.getInt(0) != MAGIC || header.getInt(4) != VERSION) {
        return damaged(file, "its header is not this version's");
      }
      int trainCount = header.getInt(8);
      int testCount = header.getInt(12);
      if (trainCount != IdxFile.TRAIN_IMAGES.count() || testCount != IdxFile.TEST_IMAGES.count()) {
        return damaged(file, "it holds " + trainCount + " + " + testCount + " images");
      }
      long expected = HEADER + (long) (trainCount + testCount) * (FashionMnistData.PIXELS + 1);
      if (size != expected + Long.BYTES) {
        return damaged(file, "it has " + size + " bytes, not " + (expected + Long.BYTES));
      }
      CRC32C crc = new CRC32C();
      crc.update(header.duplicate());
      long offset = HEADER;
      ByteBuffer[] parts = new ByteBuffer[4];
      int[] lengths = {
        trainCount * FashionMnistData.PIXELS,
        trainCount,
        testCount * FashionMnistData.PIXELS,
        testCount
      };
      for (int i = 0; i < parts.length; i++) {
        parts[i] = readFully(channel, offset, lengths[i]);
        crc.update(parts[i].duplicate());
        offset += lengths[i];
      }
      if (crc.getValue() != readFully(channel, expected, Long.BYTES).getLong(0)) {
        return damaged(file, "its checksum does not match its content");
      }
      Split train = split("train", parts[0], parts[1], trainCount, manager);
      Split test = split("test", parts[2], parts[3], testCount, manager);
      return Optional.of(new Decoded(train, test));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (EOFException e) {
      LOGGER.warn("{} was cut short while being read; decoding Fashion-MNIST again", file);
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
      String name, ByteBuffer pixels, ByteBuffer labels, int count, NDManager manager) {
    NDArray images =
        manager.create(pixels, new Shape(count, FashionMnistData.PIXELS), DataType.UINT8);
    try (NDArray labelBytes = manager.create(labels, new Shape(count), DataType.UINT8)) {
      return new Split(name, images, labelBytes.toType(DataType.INT64, false));
    }
  }

  /** Returns {@code length} bytes of {@code channel} from {@code position}, in direct memory. */
  private static ByteBuffer readFully(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer bytes = ByteBuffer.allocateDirect(length).order(ByteOrder.BIG_ENDIAN);
    while (bytes.hasRemaining()) {
      if (channel.read(bytes, position + bytes.position()) < 0) {
        throw new EOFException();
      }
    }
    return bytes.flip();
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
