package dev.scalinglab.playground;

import dev.scalinglab.report.Axes;
import dev.scalinglab.report.Charts;
import dev.scalinglab.train.StepResult;
import dev.scalinglab.train.TrainingListener;
import dev.scalinglab.widgets.Image;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training loss every few steps, one line per run, redrawn into an {@link Image} widget while
 * training goes on. Drawing happens on its own thread, at most every {@code minIntervalMillis} and
 * at once for the first point, so the trainers never wait for a PNG.
 */
final class LiveLossChart implements TrainingListener {
  private final Image target;
  private final Map<String, String> legends;
  private final long minIntervalNanos;
  private final Map<String, List<double[]>> points = new LinkedHashMap<>();
  private final List<Long> refreshes = new CopyOnWriteArrayList<>();
  private volatile boolean dirty;
  private volatile boolean live;
  private volatile boolean stopped;
  private Thread drawer;

  /**
   * @param legends the legend of each run, by scenario name, in drawing order
   */
  LiveLossChart(Image target, Map<String, String> legends, long minIntervalMillis) {
    this.target = target;
    this.legends = new LinkedHashMap<>(legends);
    this.minIntervalNanos = minIntervalMillis * 1_000_000;
    legends.keySet().forEach(k -> points.put(k, new ArrayList<>()));
  }

  @Override
  public synchronized void onStep(StepResult r) {
    if (add(r)) {
      live = true;
    }
  }

  /** Adds rows of an earlier training (a reused baseline): drawn, but not live points. */
  synchronized void preload(List<StepResult> rows) {
    rows.forEach(this::add);
  }

  private boolean add(StepResult r) {
    List<double[]> line = points.get(r.scenario());
    if (line == null) {
      return false;
    }
    line.add(new double[] {r.step(), r.loss()});
    dirty = true;
    return true;
  }

  /** Starts redrawing. */
  void start() {
    drawer =
        new Thread(
            () -> {
              long last = 0;
              while (!stopped) {
                long now = System.nanoTime();
                if (dirty && (refreshes.isEmpty() || now - last >= minIntervalNanos)) {
                  boolean withLivePoints = live;
                  dirty = false;
                  target.png(image());
                  last = System.nanoTime();
                  if (withLivePoints) {
                    refreshes.add(last);
                  }
                }
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "playground-chart");
    drawer.setDaemon(true);
    drawer.start();
  }

  /** Stops redrawing and draws the final state. */
  void stop() throws InterruptedException {
    stopped = true;
    drawer.join();
    target.png(image());
  }

  /** Returns when each redraw with live points reached the widget (System.nanoTime). */
  List<Long> refreshes() {
    return List.copyOf(refreshes);
  }

  /** Returns the chart as it stands. */
  synchronized BufferedImage image() {
    XYChart chart =
        Charts.newChart(
            "training loss, mean of each 50 steps", "step", "training loss", Charts.WIDTH + 160);
    chart.getStyler().setXAxisDecimalPattern("#,##0");
    // The project's log axis: whole decades, labelled 1 … 1000, 10⁴ … (Axes.logY).
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int index = 0;
    boolean any = false;
    for (Map.Entry<String, String> e : legends.entrySet()) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (double[] p : points.get(e.getKey())) {
        if (Double.isFinite(p[1]) && p[1] > 0) {
          x.add(p[0]);
          y.add(p[1]);
          min = Math.min(min, p[1]);
          max = Math.max(max, p[1]);
        }
      }
      if (!x.isEmpty()) {
        var series = chart.addSeries(e.getValue(), x, y);
        // Markers while points are few (short runs), plain lines once they crowd.
        series.setMarker(x.size() <= 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        if (index % 2 == 1) {
          series.setLineStyle(SeriesLines.DASH_DASH);
        }
        any = true;
      }
      index++;
    }
    if (!any) {
      chart.addSeries("waiting for the first steps", List.of(0.0), List.of(0.0));
    } else {
      Axes.logY(chart, min, max);
    }
    return BitmapEncoder.getBufferedImage(chart);
  }
}
