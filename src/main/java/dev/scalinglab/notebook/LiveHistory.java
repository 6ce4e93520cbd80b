package dev.scalinglab.notebook;

import dev.scalinglab.jupyter.NotebookKernel;
import dev.scalinglab.report.Charts;
import dev.scalinglab.report.Tables;
import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import dev.scalinglab.train.TrainingListener;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
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
    NotebookKernel kernel = NotebookKernel.current();
    if (!kernel.canUpdateDisplays()) {
      System.out.println(
          "This kernel cannot update a display: one line per epoch follows; show the history and"
              + " its curves after the run.");
      return new LiveHistory(o -> "", (id, o) -> System.out.println(((LiveHistory) o).lastLine()));
    }
    return new LiveHistory(
        o -> kernel.display(((LiveHistory) o).bundle()),
        (id, o) -> kernel.updateDisplay(id, ((LiveHistory) o).bundle()));
  }

  /** Returns the view as a MIME bundle: curves and table as HTML, the curves as PNG, text. */
  public Map<String, Object> bundle() {
    Map<String, Object> bundle = new LinkedHashMap<>();
    if (history.isEmpty()) {
      bundle.put("text/html", "<p><i>training: waiting for the first epoch…</i></p>");
      bundle.put("text/plain", "training: waiting for the first epoch...");
      return bundle;
    }
    String png = Base64.getEncoder().encodeToString(Charts.png(Charts.curves(history)));
    bundle.put(
        "text/html",
        "<img src=\"data:image/png;base64,"
            + png
            + "\" style=\"max-width:100%\">"
            + Tables.html(history.table()));
    bundle.put("image/png", png);
    bundle.put("text/plain", Tables.text(history.table()));
    return bundle;
  }

  private String lastLine() {
    EpochResult r = history.rows().get(history.rows().size() - 1);
    return String.format(
        java.util.Locale.ROOT,
        "%s epoch %d  loss %.4g  val_loss %.4g  val_acc %.4f",
        r.scenario(),
        r.epoch(),
        r.loss(),
        r.valLoss(),
        r.valAccuracy());
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
    bundle()
        .forEach(
            (mime, data) -> context.renderIfRequested(MIMEType.parse(mime), () -> (String) data));
  }
}
