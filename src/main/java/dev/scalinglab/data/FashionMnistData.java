package dev.scalinglab.data;

import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.Pipeline;
import ai.djl.translate.TranslateException;
import dev.scalinglab.engine.EngineSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fashion-MNIST loaded through DJL's {@link FashionMnist} and kept on the engine as whole arrays.
 *
 * <p>The split follows the question: the first 55,000 training images train, the last 5,000
 * validate; the 10,000 test images are kept too. Pixels stay raw (0..255); scaling is explicit in
 * {@link Split#features}. Loaded data is cached per source for the life of the JVM, so re-running a
 * notebook cell costs nothing.
 */
public final class FashionMnistData {

  /** Images in the question's training split. */
  public static final int TRAIN_SIZE = 55_000;

  /** Images in the question's validation split. */
  public static final int VALIDATION_SIZE = 5_000;

  /** Class names by label, as published with Fashion-MNIST. */
  public static final java.util.List<String> CLASS_NAMES =
      java.util.List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  /** Pixels per flattened image. */
  public static final int PIXELS = 28 * 28;

  /** Images copied out of DJL's dataset at a time. */
  private static final int CHUNK = 5_000;

  private static final Map<DataSource, FashionMnistData> CACHE = new ConcurrentHashMap<>();

  private final DataSource source;
  private final NDManager manager;
  private final Split allTrain;
  private final Split test;
  private final Map<String, Split> slices = new ConcurrentHashMap<>();

  private FashionMnistData(DataSource source, NDManager manager, Split allTrain, Split test) {
    this.source = source;
    this.manager = manager;
    this.allTrain = allTrain;
    this.test = test;
  }

  /** Loads from {@link DataSource#locate()}; see {@link #load(DataSource)}. */
  public static FashionMnistData load() {
    return load(DataSource.locate());
  }

  /** Loads from the given directory of the four original files. */
  public static FashionMnistData load(Path directory) {
    return load(DataSource.directory(directory));
  }

  /**
   * Loads (or returns the cached) data from {@code source}; throws {@link DataException} with a
   * message saying what to install or set when the files are missing, broken, or unreachable.
   */
  public static FashionMnistData load(DataSource source) {
    return CACHE.computeIfAbsent(source, FashionMnistData::read);
  }

  /**
   * Prepares {@link #load()} ahead of a notebook's call without loading data: starts the engine and
   * names the decoded-array cache of the located source (remembering the sources' hashes).
   */
  static void preload() {
    EngineSetup.configure();
    DataSource.locate().localDirectory().ifPresent(DecodedCache::file);
  }

  /** Loads from {@code source} without the per-JVM cache (for tests of concurrent loads). */
  static FashionMnistData read(DataSource source) {
    EngineSetup.configure();
    NDManager manager = Engine.getInstance().newBaseManager();
    try {
      Optional<Path> cacheFile = source.localDirectory().flatMap(DecodedCache::file);
      Optional<DecodedCache.Decoded> cached =
          cacheFile.flatMap(file -> DecodedCache.read(file, manager));
      if (cached.isPresent()) {
        return new FashionMnistData(source, manager, cached.get().train(), cached.get().test());
      }
      Optional<LocalDatasetRepository> local = localRepository(source);
      FashionMnistData data =
          new FashionMnistData(
              source,
              manager,
              toSplit("train", local, Dataset.Usage.TRAIN, manager, IdxFile.TRAIN_IMAGES.count()),
              toSplit("test", local, Dataset.Usage.TEST, manager, IdxFile.TEST_IMAGES.count()));
      cacheFile.ifPresent(file -> DecodedCache.write(file, data.allTrain, data.test));
      return data;
    } catch (IOException | TranslateException | RuntimeException e) {
      manager.close();
      if (e instanceof DataException de) {
        throw de;
      }
      throw unavailable(source, e);
    }
  }

  /** Checks the local files and unpacks them into DJL's cache; empty for the download source. */
  private static Optional<LocalDatasetRepository> localRepository(DataSource source)
      throws IOException {
    if (source.localDirectory().isEmpty()) {
      return Optional.empty();
    }
    Path dir = source.localDirectory().get();
    IdxValidator.checkDirectory(dir);
    LocalDatasetRepository repo = LocalDatasetRepository.create(dir);
    repo.prepareCache();
    return Optional.of(repo);
  }

  private static FashionMnist.Builder builder(
      Optional<LocalDatasetRepository> local, NDManager manager) {
    // An empty pipeline keeps raw pixels; FashionMnist's default ToTensor divides by 255.
    FashionMnist.Builder builder =
        FashionMnist.builder().optManager(manager).optPipeline(new Pipeline());
    local.ifPresent(repo -> builder.optRepository(repo.repository()).optGroupId(repo.groupId()));
    return builder.setSampling(1, false);
  }

  /**
   * Copies one usage of DJL's dataset into uint8 arrays owned by {@code manager}. The dataset lives
   * in a scratch manager closed on return: prepared, it holds about 350 MB (its float32 copy among
   * them) that a notebook would otherwise keep for its whole life.
   */
  private static Split toSplit(
      String name,
      Optional<LocalDatasetRepository> local,
      Dataset.Usage usage,
      NDManager manager,
      int count)
      throws IOException, TranslateException {
    try (NDManager scratch = manager.newSubManager()) {
      FashionMnist dataset = builder(local, scratch).optUsage(usage).build();
      dataset.prepare();
      return copy(name, dataset, scratch, manager, count);
    }
  }

  private static Split copy(
      String name, FashionMnist dataset, NDManager scratch, NDManager manager, int count)
      throws IOException, TranslateException {
    // DJL hands out batches as float32: taken in chunks, only one chunk of them exists at a time.
    NDList images = new NDList();
    NDList labels = new NDList();
    for (int from = 0; from < count; from += CHUNK) {
      int to = Math.min(count, from + CHUNK);
      try (NDManager chunk = scratch.newSubManager()) {
        Batch part = dataset.getByRange(chunk, from, to);
        // Pixels are whole numbers 0..255: uint8 holds them exactly.
        NDArray pixels = part.getData().singletonOrThrow().reshape(to - from, PIXELS);
        images.add(pixels.toType(DataType.UINT8, false));
        labels.add(part.getLabels().singletonOrThrow().toType(DataType.INT64, false));
        images.attach(scratch);
        labels.attach(scratch);
      }
    }
    NDArray allImages = NDArrays.concat(images);
    NDArray allLabels = NDArrays.concat(labels);
    allImages.attach(manager);
    allLabels.attach(manager);
    return new Split(name, allImages, allLabels);
  }

  private static DataException unavailable(DataSource source, Exception cause) {
    String reason =
        cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    if (source.localDirectory().isEmpty()) {
      boolean offline =
          Boolean.getBoolean("ai.djl.offline")
              || Boolean.parseBoolean(System.getenv("DJL_OFFLINE"));
      return new DataException(
          "No local Fashion-MNIST files were found and DJL's download "
              + (offline ? "is off (DJL offline mode)" : "failed (" + reason + ")")
              + ". Install Debian's package (sudo apt-get install dataset-fashion-mnist), or pass"
              + " --data DIR / set "
              + DataSource.ENV_VARIABLE
              + " to a directory holding the four original .gz files.",
          cause);
    }
    // The files passed IdxValidator and DJL's cache copy was checked: say so, not "bad files".
    return new DataException(
        "Could not load Fashion-MNIST from "
            + source
            + " (the files themselves passed the checks): "
            + reason,
        cause);
  }

  /** Returns where the data came from. */
  public DataSource source() {
    return source;
  }

  /** Returns the first {@code size} of the question's 55,000 training images. */
  public Split train(int size) {
    if (size < 1 || size > TRAIN_SIZE) {
      throw new IllegalArgumentException(
          "Train size must be between 1 and " + TRAIN_SIZE + ", got " + size);
    }
    return slice("train", 0, size);
  }

  /** Returns the question's 55,000 training images. */
  public Split train() {
    return train(TRAIN_SIZE);
  }

  /** Returns the question's validation split: the last 5,000 training images. */
  public Split validation() {
    return slice("validation", TRAIN_SIZE, TRAIN_SIZE + VALIDATION_SIZE);
  }

  /** Returns the 10,000 test images. */
  public Split test() {
    return test;
  }

  private Split slice(String name, int from, int to) {
    // Views are cached: notebooks call these in loops, and every view is a native handle.
    return slices.computeIfAbsent(
        name + from + ":" + to,
        range -> {
          String rows = from + ":" + to;
          return new Split(name, allTrain.images().get(rows), allTrain.labels().get(rows));
        });
  }

  /** Returns the manager owning the arrays; it lives as long as the JVM's cache. */
  NDManager manager() {
    return manager;
  }
}
