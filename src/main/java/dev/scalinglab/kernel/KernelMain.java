package dev.scalinglab.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.MessageType;

/** Starts the Java kernel: {@code KernelMain <connection-file>}. */
public final class KernelMain {
  private KernelMain() {}

  /**
   * Connects a {@link JavaKernel} to the sockets described by the connection file {@code args[0]}.
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: KernelMain <connection-file>");
      System.exit(2);
    }
    StartTrace.mark("main started");
    quietProperties();
    // JShell first: its start is what the first cell waits for, the rest runs beside it.
    var jshell = CodeEvaluator.startInBackground(KernelConfig.fromEnv(System.getenv()));
    quietLogging();
    String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    KernelConnectionProperties properties = KernelConnectionProperties.parse(json);
    JavaKernel kernel = new JavaKernel(jshell);
    StartTrace.mark("kernel created");
    JupyterConnection connection = new KernelConnection(properties);
    // Handlers first, then bind: a request arriving right after binding is never dropped.
    kernel.becomeHandlerForConnection(connection);
    connection.setHandler(
        MessageType.UNKNOWN,
        new DebugRequests(
            new SignedFrames(properties.createHMACGenerator()), connection.getIOPub()));
    // Makes this kernel BaseKernel.notebookKernel(), where libraries (widgets) find it.
    kernel.onStartup();
    connection.connect();
    StartTrace.mark("sockets bound");
    // After binding, not before: until then this thread and JShell's keep both cores busy.
    runStartHooks();
    warmUpExitGuard();
    connection.waitUntilClose();
    System.exit(0);
  }

  /** Property that turns the {@link KernelStartHook}s off ({@code -D...=false}). */
  public static final String START_HOOKS = "scalinglab.kernel.startHooks";

  /**
   * Starts the {@link KernelStartHook}s on the classpath, in turn on one daemon thread: what they
   * preload is ready or under way when the first cells need it.
   */
  static void runStartHooks() {
    if (!Boolean.parseBoolean(System.getProperty(START_HOOKS, "true"))) {
      return;
    }
    Thread starter =
        new Thread(
            () -> {
              for (var provider : ServiceLoader.load(KernelStartHook.class).stream().toList()) {
                try {
                  KernelStartHook hook = provider.get();
                  StartTrace.mark("start hook " + provider.type().getName());
                  hook.kernelStarting();
                  StartTrace.mark("start hook done " + provider.type().getName());
                } catch (Throwable e) {
                  // The hook's work is then done by the cell that needs it, which reports errors.
                  StartTrace.mark("start hook failed: " + e);
                }
              }
            },
            "kernel-start-hooks");
    starter.setDaemon(true);
    starter.start();
  }

  /**
   * Rewrites one class file as every cell's classes will be: ASM's classes (Java 5 class files,
   * which the class-data archive skips, verified the old way) load here, on a thread that is idle
   * now, instead of in the first cell (~20 ms of CPU, 27–58 ms on the loaded 2-core machine).
   */
  private static void warmUpExitGuard() {
    try (var in = KernelMain.class.getResourceAsStream("CellSnippet.class")) {
      if (in != null) {
        ExitGuard.rewrite(in.readAllBytes());
      }
    } catch (IOException | RuntimeException e) {
      // Only a warm-up: the first cell loads ASM itself.
    }
    StartTrace.mark("exit guard warmed up");
  }

  /** Keeps library logging out of notebooks: slf4j-simple at warn, DJL's CUDA probe at error. */
  public static void quietLogging() {
    quietProperties();
    Logger.getLogger("").setLevel(Level.WARNING);
    for (var handler : Logger.getLogger("").getHandlers()) {
      handler.setLevel(Level.WARNING);
    }
  }

  private static void quietProperties() {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda", "error");
    setIfAbsent("java.awt.headless", "true");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
