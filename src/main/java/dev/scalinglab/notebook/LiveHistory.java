package dev.scalinglab.notebook;

import dev.scalinglab.report.Charts;
import dev.scalinglab.report.Tables;
import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import dev.scalinglab.train.TrainingListener;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * One notebook output that follows a training: the learning curves and the history so far,
 * refreshed after every epoch through the kernel's {@code updateDisplay}.
 *
 * <p>In a cell: {@code experiment.run(LiveHistory.show())}; on a kernel without jjava's {@code
 * notebookKernel()} pass the display functions: {@code new LiveHistory(o -> display(o), (id, o) ->
 * updateDisplay(id, o))}.
 */
public final class LiveHistory implements TrainingListener, DisplayDataRenderable {

  private static final Set<MIMEType> TYPES =
      Set.of(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN);

  private final History history = new History();
  private final BiConsumer<String, Object> update;
  private final String displayId;

  /**
   * Shows an empty view now and updates it after each epoch.
   *
   * @param display the kernel's {@code display(Object)}, returning the display id
   * @param update the kernel's {@code updateDisplay(String, Object)}
   */
  public LiveHistory(Function<Object, String> display, BiConsumer<String, Object> update) {
    this.update = update;
    this.displayId = display.apply(this);
  }

  /**
   * Shows an empty view in the running kernel's notebook ({@code BaseKernel.notebookKernel()}: this
   * project's kernel, JJava) and returns the listener: {@code experiment.run(LiveHistory.show())}.
   */
  public static LiveHistory show() {
    BaseKernel kernel = BaseKernel.notebookKernel();
    return new LiveHistory(
        o -> {
          DisplayData data = kernel.getRenderer().render(o);
          data.setDisplayId(UUID.randomUUID().toString());
          kernel.display(data);
          return data.getDisplayId();
        },
        (id, o) -> kernel.getIO().display.updateDisplay(id, kernel.getRenderer().render(o)));
  }

  /** Returns the rows received so far. */
  public History history() {
    return history;
  }

  @Override
  public void onEpoch(EpochResult result) {
    history.add(result);
    update.accept(displayId, this);
  }

  @Override
  public Set<MIMEType> getSupportedRenderTypes() {
    return TYPES;
  }

  @Override
  public void render(RenderContext context) {
    if (history.isEmpty()) {
      context.renderIfRequested(
          MIMEType.TEXT_HTML, () -> "<p><i>training: waiting for the first epoch…</i></p>");
      context.renderIfRequested(
          MIMEType.TEXT_PLAIN, () -> "training: waiting for the first epoch...");
      return;
    }
    byte[] png = Charts.png(Charts.curves(history));
    context.renderIfRequested(
        MIMEType.TEXT_HTML,
        () ->
            "<img src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png)
                + "\" style=\"max-width:100%\">"
                + Tables.html(history.table()));
    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(png));
    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Tables.text(history.table()));
  }
}
