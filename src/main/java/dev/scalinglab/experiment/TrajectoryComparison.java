package dev.scalinglab.experiment;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.ModelTrainer;
import dev.scalinglab.train.Scenario;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Trains A and other scenarios step by step on the same batches and records how far each one's
 * first kernel, scaled back by its input scale, is from A's: max|s·W_X − W_A| / max|W_A|. An exact
 * compensation stays at float rounding (~1e-6); the others drift away.
 */
public final class TrajectoryComparison {

  private TrajectoryComparison() {}

  /**
   * Returns a table with a row every {@code every} steps up to {@code steps} and a column per
   * scenario. A trajectory longer than an epoch goes on into the next epochs (each with its own
   * batch order), whatever {@code hp.epochs()} says.
   */
  public static Table run(
      FashionMnistData data, Hyperparameters hp, List<Scenario> others, int steps, int every) {
    if (steps < 1) {
      throw new IllegalArgumentException(
          "steps (the trajectory's length in SGD steps) must be >= 1, got " + steps);
    }
    if (every < 1) {
      throw new IllegalArgumentException(
          "every (steps between two rows of the trajectory) must be >= 1, got " + every);
    }
    try (NDManager m = Engine.getInstance().newBaseManager()) {
      ModelTrainer a = ModelTrainer.create(data, Scenarios.a(), hp, m);
      List<ModelTrainer> trainers = new ArrayList<>();
      List<DoubleColumn> columns = new ArrayList<>();
      for (Scenario s : others) {
        trainers.add(ModelTrainer.create(data, s, hp, m));
        columns.add(DoubleColumn.create(s.name() + " (" + s.description() + ")"));
      }
      IntColumn step = IntColumn.create("step");
      int done = 0;
      record(step, 0, a, trainers, others, columns);
      while (done < steps) {
        int n = Math.min(every, steps - done);
        a.trainSteps(n);
        trainers.forEach(t -> t.trainSteps(n));
        done += n;
        record(step, done, a, trainers, others, columns);
      }
      Table table = Table.create("max|s·W_X − W_A| / max|W_A| (first kernel)", step);
      columns.forEach(table::addColumns);
      return table;
    }
  }

  private static void record(
      IntColumn step,
      int done,
      ModelTrainer a,
      List<ModelTrainer> trainers,
      List<Scenario> scenarios,
      List<DoubleColumn> columns) {
    step.append(done);
    NDArray wa = a.model().firstKernel().getArray();
    // Every intermediate is a whole kernel on the trainers' manager: closed here, not when the run
    // ends (each row would otherwise hold about 15 MB of them until then).
    double scale;
    try (NDArray abs = wa.abs();
        NDArray max = abs.max()) {
      scale = max.getFloat();
    }
    for (int i = 0; i < trainers.size(); i++) {
      NDArray w = trainers.get(i).model().firstKernel().getArray();
      try (NDArray back = w.mul(scenarios.get(i).inputScale());
          NDArray delta = back.sub(wa);
          NDArray abs = delta.abs();
          NDArray diff = abs.max()) {
        columns.get(i).append(diff.getFloat() / scale);
      }
    }
  }
}
