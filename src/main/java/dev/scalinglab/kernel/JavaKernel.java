package dev.scalinglab.kernel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.reply.CommInfoReply;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.CommInfoRequest;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InterruptRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;
import org.zeromq.ZMQ;

/**
 * The Java kernel: JJava's protocol handling (jjava-jupyter, the maintained fork of IJava's
 * basekernel) with a JShell {@link CodeEvaluator} that runs cells in this JVM. JShell starts in the
 * background so the kernel answers at once.
 */
public final class JavaKernel extends BaseKernel {
  private static final String VERSION = "0.1.0";
  private final CompletableFuture<CodeEvaluator> evaluator;
  private final CellStreams streams = new CellStreams();
  private final CellHistory history;
  private final List<Runnable> interruptHandlers = new CopyOnWriteArrayList<>();
  private final List<Runnable> afterFirstCell = new CopyOnWriteArrayList<>();
  private final Map<String, CodeLineMagic> codeMagics = new ConcurrentHashMap<>();
  private Instant abortBefore;
  private boolean failed;
  private boolean silent;
  private boolean firstCellDone;

  /** Creates the kernel and starts JShell with {@code config} on a background thread. */
  public JavaKernel(KernelConfig config) {
    this(CodeEvaluator.startInBackground(config));
  }

  /**
   * Creates the kernel around a JShell that is starting ({@link CodeEvaluator#startInBackground}):
   * the kernel main starts it first, since it is what the first cell waits for.
   */
  JavaKernel(CompletableFuture<CodeEvaluator> starting) {
    this(starting, new CellHistory());
  }

  private JavaKernel(CompletableFuture<CodeEvaluator> starting, CellHistory history) {
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
        history,
        new JupyterIO(StandardCharsets.UTF_8),
        new KernelCommManager(),
        new Renderer(),
        CellMagics.jjavaParser(),
        new MagicsRegistry(),
        false,
        new StringStyler.Builder()
            .addPrimaryStyle(TextColor.BOLD_RESET_FG)
            .addSecondaryStyle(TextColor.BOLD_RED_FG)
            .addHighlightStyle(TextColor.BOLD_RESET_FG)
            .addHighlightStyle(TextColor.RED_BG)
            .build());
    this.history = history;
    DisplayFunctions.attach(this);
    // Magics, renderers and hooks of jars on the classpath (META-INF/services): the kernel's own
    // magics (kernel.magic), and an app's renderers and warm-up: before the first cell.
    evaluator =
        starting.thenApply(
            started -> {
              installDefaultExtensions();
              StartTrace.mark("JShell and extensions ready");
              return started;
            });
    ((KernelCommManager) getCommManager()).openTargetsWhen(evaluator);
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

  /**
   * Runs an execute request as the messaging spec and ipykernel do: {@code silent} runs without any
   * output and without counting; {@code store_history=false} does not count or record the cell;
   * after a failed cell with {@code stop_on_error}, the execute requests already queued are
   * answered {@code aborted} instead of run (Run All stops at the error).
   */
  @Override
  protected synchronized void handleExecuteRequest(
      ShellReplyEnvironment env, Message<ExecuteRequest> msg) {
    ExecuteRequest request = msg.getContent();
    if (abortBefore != null && (sentBefore(msg, abortBefore) || queued(env))) {
      env.setBusyDeferIdle();
      env.reply(new StatusReplies.Aborted(executionCount.get() - 1));
      return;
    }
    abortBefore = null;
    failed = false;
    MemoryReserve.keep();
    boolean counted = request.shouldStoreHistory() && !request.isSilent();
    if (!counted) {
      // JJava counts every request; give back the number it is about to take.
      executionCount.decrementAndGet();
    }
    silent = request.isSilent();
    try {
      if (silent) {
        runSilently(env, request);
      } else {
        super.handleExecuteRequest(env, msg);
      }
    } catch (OutOfMemoryError e) {
      String advice = MemoryReserve.release();
      failed = true;
      env.publish(
          new PublishError("OutOfMemoryError", advice, List.of("OutOfMemoryError: " + advice)));
      env.defer()
          .reply(new StatusReplies.Failed("OutOfMemoryError", advice, executionCount.get() - 1));
    }
    if (!firstCellDone) {
      StartTrace.mark("first cell done");
      firstCellDone = true;
      afterFirstCell.forEach(Runnable::run);
    }
    if (counted) {
      history.add(request.getCode());
    }
    if (failed && request.shouldStopOnError()) {
      abortBefore = Instant.now();
    }
  }

  /**
   * True if more requests wait on the shell socket: ipykernel aborts those after an error. Requests
   * still in flight then are caught by their send time ({@link #sentBefore}).
   */
  private static boolean queued(ShellReplyEnvironment env) {
    return (env.getShell().getEvents() & ZMQ.Poller.POLLIN) != 0;
  }

  /** True if the front end sent {@code msg} before {@code moment} (queued behind the error). */
  private static boolean sentBefore(Message<?> msg, Instant moment) {
    KernelTimestamp sent = msg.getHeader().getTimestamp();
    try {
      // Parsed here: KernelTimestamp.getDate() rejects the microseconds clients send.
      return sent != null
          && OffsetDateTime.parse(sent.getDateString()).toInstant().isBefore(moment);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void runSilently(ShellReplyEnvironment env, ExecuteRequest request) {
    env.setBusyDeferIdle();
    streams.attach(env, getIO().in, true);
    int count = executionCount.getAndIncrement();
    try {
      evalRaw(request.getCode());
      env.defer().reply(new ExecuteReply(count, Map.of()));
    } catch (RuntimeException e) {
      failed = true;
      ErrorReply error = ErrorReply.of(e);
      error.setExecutionCount(count);
      env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
    }
  }

  @Override
  protected void replaceOutputStreams(ShellReplyEnvironment env) {
    streams.attach(env, getIO().in, silent);
  }

  @Override
  public void display(DisplayData data) {
    streams.flush();
    super.display(data);
  }

  @Override
  public Object evalRaw(String code) {
    CodeEvaluator shell = evaluator();
    for (String problem : shell.takeStartupProblems()) {
      System.err.println(problem);
    }
    return CellMagics.run(this, code, codeMagics);
  }

  /**
   * Registers {@code magic} as line magic {@code %name} that receives the rest of its line as
   * written (Java code, quotes kept); other callers of the registry get the words joined by spaces.
   */
  public void registerCodeLineMagic(String name, CodeLineMagic magic) {
    codeMagics.put(name, magic);
    getMagicsRegistry()
        .registerLineMagic(
            name,
            (JavaKernel kernel, List<String> args) -> magic.eval(kernel, String.join(" ", args)));
  }

  /**
   * Runs {@code task} once the first cell has run (e.g. an app's engine warm-up, which would slow
   * JShell's first compile if it ran beside it); only a kernel that has run no cell yet runs it.
   */
  public void afterFirstCell(Runnable task) {
    afterFirstCell.add(task);
  }

  @Override
  public DisplayData eval(String code) {
    try {
      Object value = evalRaw(code);
      if (value == null) {
        return null;
      }
      try {
        return Renderers.render(getRenderer(), value);
      } catch (RuntimeException | StackOverflowError e) {
        throw CellErrors.rendering(e);
      }
    } catch (RuntimeException e) {
      failed = true;
      throw e;
    } finally {
      streams.endCell();
    }
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    return evaluator().complete(CellMagics.strip(code), at);
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    String text = evaluator().inspect(CellMagics.strip(code), at);
    return text == null ? null : new DisplayData(text);
  }

  @Override
  public String isComplete(String code) {
    try {
      return evaluator().isComplete(CellMagics.strip(code));
    } catch (CellException e) {
      return IS_COMPLETE_MAYBE;
    }
  }

  @Override
  public void interrupt() {
    if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
      evaluator.join().interrupt();
    }
    interruptHandlers.forEach(Runnable::run);
  }

  /**
   * Adds code the stop button runs too (e.g. to stop widget callbacks, which run outside cells).
   */
  public void addInterruptHandler(Runnable handler) {
    interruptHandlers.add(handler);
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
    env.reply(new StatusReplies.History(history.answer(msg.getContent())));
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
