package dev.scalinglab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.engine.IntraOpThreads;
import dev.scalinglab.experiment.Scenarios;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.ModelTrainer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Where one training step's time goes: libtorch's own profiler counts the ops a step runs (top
 * level: what our Java code and the autograd engine call; all: with the ops they call inside), and
 * the JVM counts the bytes a step allocates on the Java heap.
 *
 * @param microsPerStep wall time of a step without the profiler
 * @param javaBytesPerStep Java heap bytes allocated per step
 * @param topLevelOpsPerStep libtorch ops per step called from outside any other op
 * @param ops per op name: top-level calls, all calls and top-level microseconds per step
 */
public record StepProfile(
    double microsPerStep, double javaBytesPerStep, double topLevelOpsPerStep, Table ops) {

  /** Profiles scenario A at {@code batch} on one intra-op thread, on the calling thread. */
  public static StepProfile run(FashionMnistData data, int batch, int steps) throws IOException {
    IntraOpThreads.apply(1);
    Hyperparameters hp = Hyperparameters.QUESTION.withEpochs(1).withBatchSize(batch);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    try (NDManager manager = Engine.getInstance().newBaseManager();
        ModelTrainer trainer = ModelTrainer.create(data, Scenarios.a(), hp, manager)) {
      trainer.trainSteps(300); // warm-up: JIT, allocator caches
      long bytes = threads.getThreadAllocatedBytes(thread);
      long start = System.nanoTime();
      trainer.trainSteps(steps);
      double micros = (System.nanoTime() - start) / 1e3 / steps;
      double javaBytes = (threads.getThreadAllocatedBytes(thread) - bytes) / (double) steps;
      int profiled = Math.min(steps, 50);
      Path trace = Files.createTempFile("step-profile", ".json");
      try {
        JniUtils.startProfile(false, false, false);
        trainer.trainSteps(profiled);
        JniUtils.stopProfile(trace.toString());
        return summarize(micros, javaBytes, Files.readString(trace), profiled);
      } finally {
        Files.deleteIfExists(trace);
      }
    }
  }

  private record Event(String name, double start, double end) {}

  private static StepProfile summarize(double micros, double javaBytes, String json, int steps) {
    JsonElement root = JsonParser.parseString(json);
    Iterable<JsonElement> events =
        root.isJsonArray()
            ? root.getAsJsonArray()
            : root.getAsJsonObject().getAsJsonArray("traceEvents");
    List<Event> list = new ArrayList<>();
    for (JsonElement e : events) {
      JsonObject o = e.getAsJsonObject();
      if (!o.has("dur") || !o.has("name")) {
        continue;
      }
      double ts = o.get("ts").getAsDouble();
      list.add(new Event(o.get("name").getAsString(), ts, ts + o.get("dur").getAsDouble()));
    }
    list.sort(Comparator.comparingDouble(Event::start).thenComparingDouble(e -> -e.end()));
    Map<String, double[]> byName = new HashMap<>(); // top-level calls, all calls, top-level µs
    Deque<Event> open = new ArrayDeque<>();
    int topLevel = 0;
    for (Event e : list) {
      while (!open.isEmpty() && open.peek().end() <= e.start()) {
        open.pop();
      }
      double[] row = byName.computeIfAbsent(e.name(), k -> new double[3]);
      row[1]++;
      if (open.isEmpty()) {
        row[0]++;
        row[2] += e.end() - e.start();
        topLevel++;
      }
      open.push(e);
    }
    StringColumn name = StringColumn.create("op");
    DoubleColumn top = DoubleColumn.create("top_level_per_step");
    DoubleColumn all = DoubleColumn.create("all_per_step");
    DoubleColumn us = DoubleColumn.create("top_level_us_per_step");
    byName.entrySet().stream()
        .sorted(Comparator.comparingDouble(e -> -e.getValue()[2]))
        .forEach(
            e -> {
              name.append(e.getKey());
              top.append(e.getValue()[0] / steps);
              all.append(e.getValue()[1] / steps);
              us.append(e.getValue()[2] / steps);
            });
    return new StepProfile(
        micros,
        javaBytes,
        topLevel / (double) steps,
        Table.create("step profile", name, top, all, us));
  }
}
