package dev.scalinglab.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The same training loop in eager PyTorch from Python ({@code bench_torch.py}, shipped in the jar),
 * run with Debian's {@code /usr/bin/python3} and {@code python3-torch} on one thread.
 */
public final class TorchBenchmark {

  /** Where the script lives in the jar. */
  public static final String SCRIPT = "/python/bench_torch.py";

  /** The outcome: per-batch results, startup milestones, or why there are none. */
  public record Result(
      Optional<String> missing,
      String version,
      Map<Integer, BatchResult> batches,
      double engineReady,
      double dataReady,
      double firstStep) {}

  /** One batch size's epoch times and final validation loss. */
  public record BatchResult(int batch, double[] epochSeconds, double median, double valLoss) {}

  private TorchBenchmark() {}

  /**
   * Runs the script; never throws for a missing Python or torch, it says so in {@link
   * Result#missing()} instead.
   */
  public static Result run(
      Path python,
      Path dataDir,
      Path initDir,
      List<Integer> batches,
      int epochs,
      int trainSize,
      double lr,
      int threads,
      long timeoutSeconds)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(python)) {
      return unavailable(python + " not found (install Debian's python3 and python3-torch)");
    }
    Path script = initDir.resolve("bench_torch.py");
    try (InputStream in = TorchBenchmark.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        return unavailable("bench_torch.py is not on the classpath");
      }
      Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> command =
        List.of(
            python.toString(),
            script.toString(),
            "--data",
            dataDir.toString(),
            "--init",
            initDir.toString(),
            "--batches",
            batches.stream().map(String::valueOf).collect(Collectors.joining(",")),
            "--epochs",
            String.valueOf(epochs),
            "--train-size",
            String.valueOf(trainSize),
            "--lr",
            String.valueOf(lr),
            "--threads",
            String.valueOf(threads));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // Same thread count as ours, whatever the caller's environment says.
    builder.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
    builder.environment().put("MKL_NUM_THREADS", String.valueOf(threads));
    double launched = System.currentTimeMillis() / 1000.0;
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return unavailable("bench_torch.py timed out");
    }
    String[] lines = output.strip().split("\n");
    String last = lines.length == 0 ? "" : lines[lines.length - 1];
    JsonObject json;
    try {
      json = JsonParser.parseString(last).getAsJsonObject();
    } catch (RuntimeException e) {
      return unavailable("bench_torch.py failed: " + abbreviate(output));
    }
    if (json.has("error")) {
      return unavailable(json.get("error").getAsString());
    }
    Map<Integer, BatchResult> results = new TreeMap<>();
    for (JsonElement e : json.getAsJsonArray("results")) {
      JsonObject r = e.getAsJsonObject();
      JsonArray times = r.getAsJsonArray("epoch_seconds");
      double[] seconds = new double[times.size()];
      for (int i = 0; i < seconds.length; i++) {
        seconds[i] = times.get(i).getAsDouble();
      }
      int batch = r.get("batch").getAsInt();
      results.put(
          batch,
          new BatchResult(
              batch, seconds, DjlBenchmark.median(seconds), r.get("val_loss").getAsDouble()));
    }
    // The script's own clock starts before its imports; the process launch is a little earlier.
    return new Result(
        Optional.empty(),
        json.get("torch").getAsString(),
        results,
        json.get("engine_ready").getAsDouble() - launched,
        json.get("data_ready").getAsDouble() - launched,
        json.get("first_step").getAsDouble() - launched);
  }

  /** Returns a result with no rows that says why. */
  public static Result unavailable(String why) {
    return new Result(Optional.of(why), "", Map.of(), Double.NaN, Double.NaN, Double.NaN);
  }

  private static String abbreviate(String s) {
    String flat = s.strip().replace('\n', ' ');
    return flat.length() <= 300 ? flat : "..." + flat.substring(flat.length() - 300);
  }
}
