package dev.scalinglab.data;

/** The four original Fashion-MNIST IDX files and what each must contain. */
public enum IdxFile {
  /** Training images: 60,000 × 28 × 28 unsigned bytes. */
  TRAIN_IMAGES("train-images-idx3-ubyte.gz", "train_data", 2051, 60_000),
  /** Training labels: 60,000 bytes in 0..9. */
  TRAIN_LABELS("train-labels-idx1-ubyte.gz", "train_labels", 2049, 60_000),
  /** Test images: 10,000 × 28 × 28 unsigned bytes. */
  TEST_IMAGES("t10k-images-idx3-ubyte.gz", "test_data", 2051, 10_000),
  /** Test labels: 10,000 bytes in 0..9. */
  TEST_LABELS("t10k-labels-idx1-ubyte.gz", "test_labels", 2049, 10_000);

  /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
  public static final int IMAGE_MAGIC = 2051;

  private final String fileName;
  private final String djlKey;
  private final int magic;
  private final int count;

  IdxFile(String fileName, String djlKey, int magic, int count) {
    this.fileName = fileName;
    this.djlKey = djlKey;
    this.magic = magic;
    this.count = count;
  }

  /** Returns the file's original name, e.g. {@code train-images-idx3-ubyte.gz}. */
  public String fileName() {
    return fileName;
  }

  /** Returns the name DJL's FashionMnist uses for this file in its artifact metadata. */
  public String djlKey() {
    return djlKey;
  }

  /** Returns the IDX magic number the file must start with. */
  public int magic() {
    return magic;
  }

  /** Returns how many images or labels the file must hold. */
  public int count() {
    return count;
  }

  /** Returns whether the file holds images (otherwise labels). */
  public boolean isImages() {
    return magic == IMAGE_MAGIC;
  }
}
