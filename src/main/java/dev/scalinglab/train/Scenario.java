package dev.scalinglab.train;

import dev.scalinglab.data.InputScale;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One way to train the question's network: an input scale s (features = raw / 255 · s, first kernel
 * = Glorot / s) and learning-rate factors. A plain value: tweak it with the {@code with} methods.
 *
 * @param name short name, e.g. "A"
 * @param description what the scenario is, for tables and plots
 * @param inputScale s: 1 means pixels in [0, 1] with plain Glorot; 255 means raw pixels with Glorot
 *     / 255
 * @param multipliers learning-rate factors per parameter group
 */
public record Scenario(
    String name, String description, float inputScale, LrMultipliers multipliers) {

  /** Validates the fields with messages naming them. */
  public Scenario {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A scenario needs a name");
    }
    InputScale.check(inputScale);
    if (multipliers == null) {
      throw new IllegalArgumentException("Scenario " + name + " needs learning-rate factors");
    }
  }

  /** Returns a copy with another name. */
  public Scenario withName(String name) {
    return new Scenario(name, description, inputScale, multipliers);
  }

  /** Returns a copy with another description. */
  public Scenario withDescription(String description) {
    return new Scenario(name, description, inputScale, multipliers);
  }

  /** Returns a copy with another input scale s. */
  public Scenario withInputScale(float inputScale) {
    return new Scenario(name, description, inputScale, multipliers);
  }

  /** Returns a copy with other learning-rate factors. */
  public Scenario withMultipliers(LrMultipliers multipliers) {
    return new Scenario(name, description, inputScale, multipliers);
  }

  /** Returns scenarios as a table: name, description, s and the learning-rate factors. */
  public static Table table(List<Scenario> scenarios) {
    StringColumn name = StringColumn.create("scenario");
    StringColumn description = StringColumn.create("description");
    DoubleColumn s = DoubleColumn.create("s");
    DoubleColumn kernel = DoubleColumn.create("lr factor W₁");
    DoubleColumn bias = DoubleColumn.create("lr factor b₁");
    DoubleColumn others = DoubleColumn.create("lr factor others");
    for (Scenario sc : scenarios) {
      name.append(sc.name());
      description.append(sc.description());
      s.append(sc.inputScale());
      kernel.append(sc.multipliers().firstKernel());
      bias.append(sc.multipliers().firstBias());
      others.append(sc.multipliers().others());
    }
    return Table.create("scenarios", name, description, s, kernel, bias, others);
  }

  @Override
  public String toString() {
    return name + ": " + description;
  }
}
