package dev.scalinglab.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Our training loop's twin in eager PyTorch: {@code bench_torch.py} (shipped in the jar) run by one
 * {@link TorchSource} as a long-lived process that trains one epoch per request, so that its epochs
 * interleave with ours. Every wait on it is bounded by the timeout; a child that hangs, crashes or
 * floods its output is killed and reported as a {@link TorchUnavailableException}.
 */
final class TorchWorker implements AutoCloseable {

  /** Where the script lives in the jar. */
  static final String SCRIPT = "/python/bench_torch.py";

  /**
   * Default longest wait for the first answer (torch imported, its version, data loaded): a Python
   * that never answers must not hold the bench for the full per-answer timeout.
   */
  static final double STARTUP_SECONDS = 60;

  /** An epoch's wall seconds as the script timed it and its mean training loss. */
  record Epoch(double seconds, double loss) {}

  private final TorchSource source;
  private final Process process;
  private final ChildOutput output;
  private final Writer input;
  private final long timeoutMillis;
  private final String version;
  private final String blas;
  private final double importSeconds;
  private final double dataSeconds;

  private TorchWorker(
      TorchSource source, Process process, long timeoutMillis, long startupMillis, double launched)
      throws TorchUnavailableException, InterruptedException {
    this.source = source;
    this.process = process;
    this.timeoutMillis = timeoutMillis;
    this.output = new ChildOutput(process.getInputStream(), source.label());
    this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    JsonObject hello = reply("start-up (torch imported, its version)", startupMillis);
    if (!hello.has("torch") || !hello.has("engine_ready") || !hello.has("data_ready")) {
      throw fail("did not start as bench_torch.py does");
    }
    this.version = hello.get("torch").getAsString();
    this.blas = hello.has("blas") ? hello.get("blas").getAsString() : "not reported";
    // The script's own clock starts before its imports; the launch is a little earlier.
    this.importSeconds = hello.get("engine_ready").getAsDouble() - launched;
    this.dataSeconds = hello.get("data_ready").getAsDouble() - launched;
  }

  /**
   * Starts the script with {@code source}'s Python on the data in {@code dataDir} and the initial
   * state in {@code initDir} (see {@link DjlBenchmark#writeInitialState}), and waits for it to be
   * ready.
   *
   * @throws TorchUnavailableException if Python or torch is missing, or the script fails or does
   *     not answer within {@code timeoutSeconds}, or its first answer within {@code startupSeconds}
   */
  static TorchWorker start(
      TorchSource source,
      Path dataDir,
      Path initDir,
      int trainSize,
      double lr,
      int maxThreads,
      double timeoutSeconds,
      double startupSeconds)
      throws TorchUnavailableException, IOException, InterruptedException {
    String notRunnable = source.notRunnable();
    if (notRunnable != null) {
      throw new TorchUnavailableException(notRunnable);
    }
    Path script = initDir.resolve("bench_torch.py");
    try (InputStream in = TorchWorker.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new TorchUnavailableException("bench_torch.py is not on the classpath");
      }
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> command =
        List.of(
            source.python().toString(),
            script.toString(),
            "--data",
            dataDir.toString(),
            "--init",
            initDir.toString(),
            "--train-size",
            String.valueOf(trainSize),
            "--lr",
            String.valueOf(lr));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // No more threads than we give ours, whatever the caller's environment says.
    builder.environment().put("OMP_NUM_THREADS", String.valueOf(maxThreads));
    builder.environment().put("MKL_NUM_THREADS", String.valueOf(maxThreads));
    double launched = System.currentTimeMillis() / 1000.0;
    Process process = builder.start();
    try {
      long timeoutMillis = Math.round(timeoutSeconds * 1000);
      long startupMillis = Math.min(timeoutMillis, Math.round(startupSeconds * 1000));
      return new TorchWorker(source, process, timeoutMillis, startupMillis, launched);
    } catch (TorchUnavailableException | RuntimeException | InterruptedException e) {
      kill(process);
      throw e;
    }
  }

  /**
   * Returns the BLAS the script reported, e.g. "BLAS_INFO=mkl, MKL 2024.2, ATen kernels AVX512".
   */
  String blas() {
    return blas;
  }

  /** Returns the torch version the script reported, e.g. "1.13.0a0". */
  String version() {
    return version;
  }

  /** Returns the seconds from launch to torch imported. */
  double importSeconds() {
    return importSeconds;
  }

  /** Returns the seconds from launch to data and initial state loaded. */
  double dataSeconds() {
    return dataSeconds;
  }

  /** Trains the next epoch of the (batch, threads) run, starting it on first use. */
  Epoch epoch(int batch, int threads) throws TorchUnavailableException, InterruptedException {
    JsonObject r = request("epoch", batch, threads);
    if (!r.has("seconds") || !r.has("loss")) {
      throw fail("answered an epoch without its time");
    }
    return new Epoch(r.get("seconds").getAsDouble(), r.get("loss").getAsDouble());
  }

  /** Returns the validation loss of the (batch, threads) run. */
  double validationLoss(int batch, int threads)
      throws TorchUnavailableException, InterruptedException {
    JsonObject r = request("eval", batch, threads);
    if (!r.has("val_loss")) {
      throw fail("answered an evaluation without its loss");
    }
    return r.get("val_loss").getAsDouble();
  }

  private JsonObject request(String cmd, int batch, int threads)
      throws TorchUnavailableException, InterruptedException {
    try {
      JsonObject request = new JsonObject();
      request.addProperty("cmd", cmd);
      request.addProperty("batch", batch);
      request.addProperty("threads", threads);
      input.write(request + "\n");
      input.flush();
    } catch (IOException e) {
      throw fail("stopped taking requests (" + e.getMessage() + ")");
    }
    return reply(cmd + " at batch " + batch, timeoutMillis);
  }

  private JsonObject reply(String what, long waitMillis)
      throws TorchUnavailableException, InterruptedException {
    String line = output.nextReply(waitMillis);
    if (line == null) {
      if (output.ended() && process.waitFor(2, TimeUnit.SECONDS)) {
        throw fail("exited with code " + process.exitValue() + " during " + what);
      }
      throw fail(
          String.format(Locale.ROOT, "no answer to %s within %.0f s", what, waitMillis / 1000.0));
    }
    JsonObject json;
    try {
      json = JsonParser.parseString(line).getAsJsonObject();
    } catch (RuntimeException e) {
      throw fail("unreadable answer to " + what);
    }
    if (json.has("error")) {
      throw fail(json.get("error").getAsString());
    }
    return json;
  }

  private TorchUnavailableException fail(String why) {
    close();
    String tail = output.tail();
    return new TorchUnavailableException(
        source.python() + ": " + why + (tail.isEmpty() ? "" : " (output: " + tail + ")"));
  }

  /** Asks the script to quit, and kills it (and its children) if it does not at once. */
  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        JsonObject quit = new JsonObject();
        quit.addProperty("cmd", "quit");
        input.write(quit + "\n");
        input.close();
      }
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        kill(process);
      }
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
    }
    output.close();
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
