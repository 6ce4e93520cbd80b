package dev.scalinglab.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.comm.Comm;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.reply.CommInfoReply;
import io.github.spencerpark.jupyter.messages.request.CommInfoRequest;
import io.github.spencerpark.jupyter.messages.request.ShutdownRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The Java kernel: basekernel's protocol handling with a JShell {@link CodeEvaluator} that runs
 * cells in this JVM. JShell starts in the background so the kernel answers at once.
 */
public final class JavaKernel extends BaseKernel {
  private static final String VERSION = "0.1.0";
  private final CompletableFuture<CodeEvaluator> evaluator;
  private final LanguageInfo languageInfo =
      new LanguageInfo.Builder("java")
          .version(Runtime.version().toString())
          .mimetype("text/x-java-source")
          .fileExtension(".jshell")
          .pygments("java")
          .codemirror("text/x-java")
          .exporter("script")
          .build();

  /** Creates the kernel and starts JShell with {@code config} on a background thread. */
  public JavaKernel(KernelConfig config) {
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
  public DisplayData eval(String code) throws Exception {
    CodeEvaluator shell = evaluator();
    for (String problem : shell.takeStartupProblems()) {
      System.err.println(problem);
    }
    CodeEvaluator.Value result = shell.eval(Magics.apply(code, shell));
    return result == null ? null : Renderers.render(renderer, result.value());
  }

  @Override
  public ReplacementOptions complete(String code, int at) throws Exception {
    return evaluator().complete(Magics.strip(code), at);
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) throws Exception {
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
  public List<String> formatError(Exception e) {
    return e instanceof CellException cell ? cell.traceback() : super.formatError(e);
  }

  @Override
  public LanguageInfo getLanguageInfo() {
    return languageInfo;
  }

  @Override
  public String getBanner() {
    return "Java " + Runtime.version() + " (scaling-lab kernel, JShell in-process)";
  }

  @Override
  public List<LanguageInfo.Help> getHelpLinks() {
    return List.of(
        new LanguageInfo.Help(
            "Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/index.html"));
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
      evaluator.join().close();
    }
  }

  /** Installs basekernel's handlers, then replaces those whose replies lack {@code status}. */
  @Override
  public void becomeHandlerForConnection(JupyterConnection connection) {
    super.becomeHandlerForConnection(connection);
    connection.setHandler(MessageType.KERNEL_INFO_REQUEST, (env, msg) -> replyKernelInfo(env));
    connection.setHandler(MessageType.SHUTDOWN_REQUEST, this::replyShutdown);
    connection.setHandler(MessageType.INTERRUPT_REQUEST, (env, msg) -> replyInterrupt(env));
    connection.setHandler(MessageType.HISTORY_REQUEST, (env, msg) -> replyHistory(env));
    connection.setHandler(MessageType.COMM_INFO_REQUEST, this::replyCommInfo);
  }

  private void replyKernelInfo(ShellReplyEnvironment env) {
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

  private void replyShutdown(ShellReplyEnvironment env, Message<ShutdownRequest> msg) {
    boolean restart = msg.getContent().isRestart();
    env.setBusyDeferIdle();
    env.defer().reply(new StatusReplies.Shutdown(restart));
    onShutdown(restart);
    env.resolveDeferrals();
    env.markForShutdown();
  }

  private void replyInterrupt(ShellReplyEnvironment env) {
    env.setBusyDeferIdle();
    interrupt();
    env.reply(new StatusReplies.Interrupt());
  }

  private void replyHistory(ShellReplyEnvironment env) {
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
