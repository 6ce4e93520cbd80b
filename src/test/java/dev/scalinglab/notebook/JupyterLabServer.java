package dev.scalinglab.notebook;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The project's JupyterLab ({@code .venv/bin/jupyter lab}) started for a test: loopback only, a
 * free port, a random token, its own settings (no virtualised notebooks, no news), workspaces and
 * kernelspecs, serving a copy of the notebooks so that nothing is saved into the checkout.
 */
final class JupyterLabServer implements AutoCloseable {

  /** The JupyterLab that environment/setup installs. */
  static final Path JUPYTER = TestKernel.PROJECT.resolve(".venv/bin/jupyter");

  private final Process process;
  private final Path log;
  private final int port;
  private final String token;

  private JupyterLabServer(Process process, Path log, int port, String token) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.token = token;
  }

  /**
   * Starts JupyterLab on {@code root} with {@code env} added to the kernels' environment and waits
   * until it answers; {@code dir} holds its settings, workspaces and kernelspecs.
   */
  static JupyterLabServer start(Path root, Path dir, Map<String, String> env)
      throws IOException, InterruptedException {
    Path jupyterPath = dir.resolve("jupyter-path");
    TestKernel.install(jupyterPath);
    Path settings = dir.resolve("settings");
    // Every cell in the page (JupyterLab 4 otherwise renders only those near the viewport).
    write(
        settings.resolve("@jupyterlab/notebook-extension/tracker.jupyterlab-settings"),
        "{\"windowingMode\": \"none\"}");
    // No news or update pop-ups over the notebook (and no network requests for them).
    write(
        settings.resolve("@jupyterlab/apputils-extension/notification.jupyterlab-settings"),
        "{\"fetchNews\": \"false\", \"checkForUpdates\": false}");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                JUPYTER.toString(),
                "lab",
                "--no-browser",
                "--ip=127.0.0.1",
                "--port=" + port,
                "--port-retries=0",
                "--IdentityProvider.token=" + token,
                "--LabApp.expose_app_in_browser=True",
                "--ServerApp.root_dir=" + root));
    if ("root".equals(System.getProperty("user.name"))) {
      command.add("--allow-root");
    }
    Path log = dir.resolve("jupyter-lab.log");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("JUPYTER_PATH", jupyterPath.toString());
    pb.environment().put("JUPYTERLAB_SETTINGS_DIR", settings.toString());
    pb.environment().put("JUPYTERLAB_WORKSPACES_DIR", dir.resolve("workspaces").toString());
    pb.environment().putAll(env);
    JupyterLabServer server = new JupyterLabServer(pb.start(), log, port, token);
    server.awaitReady(Duration.ofMinutes(2));
    return server;
  }

  /** Returns the base URL, {@code http://127.0.0.1:PORT}. */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Returns the token a client must present. */
  String token() {
    return token;
  }

  /** Returns the server's log so far. */
  String log() throws IOException {
    return Files.readString(log);
  }

  private void awaitReady(Duration limit) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest status =
        HttpRequest.newBuilder(URI.create(url() + "/api/status"))
            .header("Authorization", "token " + token)
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("jupyter lab exited:\n" + log());
      }
      try {
        if (client.send(status, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    close();
    throw new IllegalStateException("jupyter lab did not answer within " + limit + ":\n" + log());
  }

  /** Stops the server and the kernels it started. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy(); // SIGTERM: the server shuts its kernels down
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
