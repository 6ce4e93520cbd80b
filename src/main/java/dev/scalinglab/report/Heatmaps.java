package dev.scalinglab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * Heatmaps of a sweep table (columns {@code model}, {@code scale}, {@code lr}, {@code status} and a
 * value column such as {@code val_accuracy}): one panel per model, input scale s down the rows,
 * learning rate across, each cell coloured and annotated with its value; "exploded" cells (finite
 * but huge loss) add their loss under the value; cells that diverged or failed are grey and read
 * "div" or "fail".
 *
 * <p>Drawn with Java2D rather than XChart's {@code HeatMapChart} (3.8.8), which cannot draw what
 * the sweep needs: a cell's text can only be a format of its own number (one {@code
 * Function<Double, String>} for all cells), so no "div"/"fail" cells and no second line with an
 * exploded cell's loss or "ReLUs dead"; every cell is coloured on the one value scale, so no grey
 * for cells without a value; and one chart holds one grid, so the two models' panels sharing one
 * colour bar would be two charts pasted together.
 */
public final class Heatmaps {

  private static final int CELL_W = 92;
  private static final int CELL_H = 40;
  private static final int LEFT = 80;
  private static final int TOP = 70;
  private static final int BOTTOM = 60;
  private static final int GAP = 40;
  private static final int BAR = 110;
  private static final Color DIVERGED = new Color(170, 170, 170);

  /** Viridis, sampled at 0, 0.25, 0.5, 0.75 and 1. */
  private static final Color[] RAMP = {
    new Color(68, 1, 84),
    new Color(59, 82, 139),
    new Color(33, 145, 140),
    new Color(94, 201, 98),
    new Color(253, 231, 37)
  };

  private Heatmaps() {}

  /**
   * Returns the heatmap of {@code valueColumn} with the colour scale fixed to [{@code min}, {@code
   * max}] (e.g. 0 and 1 for accuracy), one panel per distinct {@code model}, in table order.
   */
  public static BufferedImage image(
      Table sweep, String valueColumn, String title, double min, double max) {
    List<String> models = distinct(sweep.stringColumn("model").asList());
    List<Double> scales = distinctNumbers(sweep, "scale");
    List<Double> lrs = distinctNumbers(sweep, "lr");
    int panelW = LEFT + CELL_W * Math.max(1, lrs.size());
    int panelH = TOP + CELL_H * Math.max(1, scales.size()) + BOTTOM;
    int gridsWidth = models.size() * panelW + (models.size() - 1) * GAP + BAR + 20;
    Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    int titleWidth = probe.getFontMetrics(titleFont).stringWidth(title) + 40;
    probe.dispose();
    int width = Math.max(gridsWidth, titleWidth);
    int height = panelH + 30;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(titleFont);
    centered(g, title, width / 2, 24);
    for (int p = 0; p < models.size(); p++) {
      int x0 = p * (panelW + GAP);
      panel(g, sweep, models.get(p), valueColumn, scales, lrs, x0, 30, min, max);
    }
    colorBar(g, width - BAR + 10, 30 + TOP, CELL_H * scales.size(), valueColumn, min, max);
    g.dispose();
    return img;
  }

  /** Returns the colour of {@code t} in [0, 1] on the viridis ramp (clamped). */
  public static Color color(double t) {
    double c = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
    int i = Math.min(RAMP.length - 2, (int) Math.floor(c));
    double f = c - i;
    Color a = RAMP[i];
    Color b = RAMP[i + 1];
    return new Color(
        (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }

  private static void panel(
      Graphics2D g,
      Table sweep,
      String model,
      String valueColumn,
      List<Double> scales,
      List<Double> lrs,
      int x0,
      int y0,
      double min,
      double max) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    int gridX = x0 + LEFT;
    int gridY = y0 + TOP;
    centered(g, model, gridX + CELL_W * lrs.size() / 2, y0 + 22);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    centered(
        g, "learning rate", gridX + CELL_W * lrs.size() / 2, gridY + CELL_H * scales.size() + 42);
    for (int c = 0; c < lrs.size(); c++) {
      centered(
          g,
          number(lrs.get(c)),
          gridX + c * CELL_W + CELL_W / 2,
          gridY + CELL_H * scales.size() + 18);
    }
    FontMetrics fm = g.getFontMetrics();
    g.drawString("s", x0 + 10, gridY - 8);
    for (int r = 0; r < scales.size(); r++) {
      String label = number(scales.get(r));
      g.drawString(
          label,
          gridX - 8 - fm.stringWidth(label),
          gridY + r * CELL_H + CELL_H / 2 + fm.getAscent() / 2 - 1);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    for (int row = 0; row < sweep.rowCount(); row++) {
      if (!sweep.stringColumn("model").get(row).equals(model)) {
        continue;
      }
      int r = scales.indexOf(sweep.numberColumn("scale").getDouble(row));
      int c = lrs.indexOf(sweep.numberColumn("lr").getDouble(row));
      String status = sweep.stringColumn("status").get(row);
      double v = sweep.numberColumn(valueColumn).getDouble(row);
      int x = gridX + c * CELL_W;
      int y = gridY + r * CELL_H;
      String text;
      String note = null;
      Color fill;
      boolean trained = "ok".equals(status) || "exploded".equals(status) || "dead".equals(status);
      if (!trained || !Double.isFinite(v)) {
        fill = DIVERGED;
        text = "failed".equals(status) ? "fail" : "div";
      } else {
        fill = color((v - min) / (max - min));
        text = String.format(Locale.ROOT, "%.3f", v);
        if ("exploded".equals(status) && sweep.containsColumn("loss")) {
          note = String.format(Locale.ROOT, "loss %.0e", sweep.numberColumn("loss").getDouble(row));
        } else if ("dead".equals(status)) {
          note = "ReLUs dead";
        }
      }
      g.setColor(fill);
      g.fillRect(x, y, CELL_W, CELL_H);
      g.setColor(luminance(fill) > 0.5 ? Color.BLACK : Color.WHITE);
      if (note == null) {
        centered(g, text, x + CELL_W / 2, y + CELL_H / 2 + g.getFontMetrics().getAscent() / 2 - 2);
      } else {
        centered(g, text, x + CELL_W / 2, y + CELL_H / 2 - 2);
        Font font = g.getFont();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        centered(g, note, x + CELL_W / 2, y + CELL_H / 2 + 13);
        g.setFont(font);
      }
    }
    g.setColor(Color.WHITE);
    g.setStroke(new BasicStroke(2));
    for (int r = 0; r <= scales.size(); r++) {
      g.drawLine(gridX, gridY + r * CELL_H, gridX + CELL_W * lrs.size(), gridY + r * CELL_H);
    }
    for (int c = 0; c <= lrs.size(); c++) {
      g.drawLine(gridX + c * CELL_W, gridY, gridX + c * CELL_W, gridY + CELL_H * scales.size());
    }
  }

  private static void colorBar(
      Graphics2D g, int x, int y, int h, String label, double min, double max) {
    int w = 18;
    for (int i = 0; i < h; i++) {
      g.setColor(color(1 - i / (double) Math.max(1, h - 1)));
      g.drawLine(x, y + i, x + w, y + i);
    }
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int k = 0; k <= 4; k++) {
      double v = max - k * (max - min) / 4;
      int ty = y + (int) Math.round(k * (h - 1) / 4.0);
      g.drawLine(x + w, ty, x + w + 4, ty);
      g.drawString(number(v), x + w + 7, ty + 4);
    }
    g.drawString(label, x - 10, y - 10);
    g.setColor(DIVERGED);
    g.fillRect(x, y + h + 14, w, 14);
    g.setColor(Color.BLACK);
    g.drawString("div / fail", x + w + 5, y + h + 25);
  }

  private static double luminance(Color c) {
    return (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255;
  }

  private static void centered(Graphics2D g, String text, int cx, int baseline) {
    g.drawString(text, cx - g.getFontMetrics().stringWidth(text) / 2, baseline);
  }

  private static List<String> distinct(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  private static List<Double> distinctNumbers(Table t, String column) {
    List<Double> out = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      double v = t.numberColumn(column).getDouble(r);
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    out.sort(Double::compare);
    return out;
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%.4g", v);
    return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
