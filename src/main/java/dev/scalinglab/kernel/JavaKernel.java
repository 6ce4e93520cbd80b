package dev.scalinglab.kernel;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.reply.CommInfoReply;
import org.dflib.jjava.jupyter.messages.request.CommInfoRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InterruptRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;

/**
 * The Java kernel: JJava's protocol handling (jjava-jupyter, the maintained fork of IJava's
 * basekernel) with a JShell {@link CodeEvaluator} that runs cells in this JVM. JShell starts in the
 * background so the kernel answers at once.
 */
public final class JavaKernel extends BaseKernel {
  private static final String VERSION = "0.1.0";
  private final CompletableFuture<CodeEvaluator> evaluator;

  /** Creates the kernel and starts JShell with {@code config} on a background thread. */
  public JavaKernel(KernelConfig config) {
    super(
        "scaling-lab-java",
        VERSION,
        new LanguageInfo.Builder("java")
            .version(Runtime.version().toString())
            .mimetype("text/x-java-source")
            .fileExtension(".jshell")
            .pygments("java")
            .codemirror("text/x-java")
            .exporter("script")
            .build(),
        List.of(
            new HelpLink(
                "Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/index.html")),
        null,
        new JupyterIO(StandardCharsets.UTF_8),
        new CommManager(),
        new Renderer(),
        null,
        new MagicsRegistry(),
        false,
        new StringStyler.Builder()
            .addPrimaryStyle(TextColor.BOLD_RESET_FG)
            .addSecondaryStyle(TextColor.BOLD_RED_FG)
            .addHighlightStyle(TextColor.BOLD_RESET_FG)
            .addHighlightStyle(TextColor.RED_BG)
            .build());
    evaluator = new CompletableFuture<>();
    Thread starter =
        new Thread(
            () -> {
              try {
                evaluator.complete(new CodeEvaluator(config));
              } catch (Throwable e) {
                evaluator.completeExceptionally(e);
              }
            },
            "jshell-start");
    starter.setDaemon(true);
    starter.start();
    DisplayFunctions.attach(this);
  }

  /** Returns the evaluator, waiting for JShell to finish starting. */
  public CodeEvaluator evaluator() throws CellException {
    try {
      return evaluator.join();
    } catch (CompletionException e) {
      String message = "the Java evaluator failed to start: " + e.getCause();
      throw new CellException(message, List.of(message));
    }
  }

  @Override
  public Object evalRaw(String code) {
    CodeEvaluator shell = evaluator();
    for (String problem : shell.takeStartupProblems()) {
      System.err.println(problem);
    }
    CodeEvaluator.Value result = shell.eval(Magics.apply(code, shell));
    return result == null ? null : result.value();
  }

  @Override
  public DisplayData eval(String code) {
    Object value = evalRaw(code);
    return value == null ? null : Renderers.render(getRenderer(), value);
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    return evaluator().complete(Magics.strip(code), at);
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    String text = evaluator().inspect(Magics.strip(code), at);
    return text == null ? null : new DisplayData(text);
  }

  @Override
  public String isComplete(String code) {
    try {
      return evaluator().isComplete(Magics.strip(code));
    } catch (CellException e) {
      return IS_COMPLETE_MAYBE;
    }
  }

  @Override
  public void interrupt() {
    if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
      evaluator.join().interrupt();
    }
  }

  @Override
  public List<String> formatError(Throwable e) {
    return e instanceof CellException cell ? cell.traceback() : super.formatError(e);
  }

  @Override
  public String getBanner() {
    return "Java " + Runtime.version() + " (scaling-lab kernel, JShell in-process)";
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    super.onShutdown(isRestarting);
    if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
      evaluator.join().close();
    }
  }

  /** Installs JJava's handlers, then replaces comm_info's, whose reply lacks {@code status}. */
  @Override
  public void becomeHandlerForConnection(JupyterConnection connection) {
    super.becomeHandlerForConnection(connection);
    connection.setHandler(CommInfoRequest.MESSAGE_TYPE, this::replyCommInfo);
  }

  // JJava's kernel_info, shutdown, interrupt and history replies lack the status field the
  // messaging spec requires (jupyter_kernel_test rejects them): these send it.

  @Override
  protected void handleKernelInfoRequest(
      ShellReplyEnvironment env, Message<KernelInfoRequest> msg) {
    env.setBusyDeferIdle();
    env.reply(
        new StatusReplies.KernelInfo(
            Header.PROTOCOL_VERISON,
            "scaling-lab-java",
            VERSION,
            getLanguageInfo(),
            getBanner(),
            getHelpLinks()));
  }

  @Override
  protected void handleShutdownRequest(ShellReplyEnvironment env, Message<ShutdownRequest> msg) {
    boolean restart = msg.getContent().isRestart();
    env.setBusyDeferIdle();
    env.defer().reply(new StatusReplies.Shutdown(restart));
    onShutdown(restart);
    env.resolveDeferrals();
    env.markForShutdown();
  }

  @Override
  protected void handleInterruptRequest(ShellReplyEnvironment env, Message<InterruptRequest> msg) {
    env.setBusyDeferIdle();
    interrupt();
    env.reply(new StatusReplies.Interrupt());
  }

  @Override
  protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> msg) {
    env.setBusyDeferIdle();
    env.reply(new StatusReplies.History());
  }

  private void replyCommInfo(ShellReplyEnvironment env, Message<CommInfoRequest> msg) {
    String target = msg.getContent().getTargetName();
    Map<String, CommInfoReply.CommInfo> comms = new LinkedHashMap<>();
    for (Comm comm : getCommManager()) {
      if (target == null || target.equals(comm.getTargetName())) {
        comms.put(comm.getID(), new CommInfoReply.CommInfo(comm.getTargetName()));
      }
    }
    env.setBusyDeferIdle();
    env.reply(new StatusReplies.Comms(comms));
  }
}
