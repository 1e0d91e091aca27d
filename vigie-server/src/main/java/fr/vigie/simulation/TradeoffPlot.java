package fr.vigie.simulation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the sweep as a PNG with java.awt, headless: persons leaked against wrongful suspensions,
 * both on logarithmic axes (the points span four orders of magnitude).
 */
final class TradeoffPlot {
  private static final int W = 960;
  private static final int H = 600;
  private static final int LEFT = 90;
  private static final int RIGHT = 40;
  private static final int TOP = 60;
  private static final int BOTTOM = 70;

  /** Decades shown: 0.01 to 100 wrongful suspensions per 10,000; 1 to 100,000 persons. */
  private static final double X_MIN = -2;

  private static final double X_MAX = 2;
  private static final double Y_MIN = 0;
  private static final double Y_MAX = 5;

  private static final Color VIGIE = new Color(30, 90, 180);
  private static final Color SLOW = new Color(220, 130, 20);
  private static final Color PROMISE = new Color(200, 60, 60);

  private TradeoffPlot() {}

  static void draw(TradeoffSweep.Sweep sweep, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    axes(g);
    promises(g);
    List<TradeoffSweep.Point> points = sweep.points();
    series(g, points, VIGIE, true);
    series(g, points, SLOW, false);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.setColor(VIGIE);
    g.drawString("● all scenarios: sum of the median leaks", W - RIGHT - 440, TOP + 20);
    g.setColor(SLOW);
    g.drawString("■ low-and-slow-20: 95th percentile leak", W - RIGHT - 440, TOP + 40);
    g.setColor(Color.DARK_GRAY);
    g.drawString(
        "labels: factor on the suspension threshold (1 = Vigie's defaults)",
        W - RIGHT - 440,
        TOP + 60);
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static void axes(Graphics2D g) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(
        "Persons leaked against advisors wrongly suspended, by suspension threshold", LEFT, 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int d = (int) X_MIN; d <= X_MAX; d++) {
      int px = px(Math.pow(10, d));
      g.setColor(Color.LIGHT_GRAY);
      g.drawLine(px, TOP, px, H - BOTTOM);
      g.setColor(Color.BLACK);
      String label =
          d < 0
              ? String.format(Locale.ROOT, "%." + (-d) + "f", Math.pow(10, d))
              : String.valueOf((long) Math.pow(10, d));
      g.drawString(label, px - 12, H - BOTTOM + 18);
    }
    for (int d = (int) Y_MIN; d <= Y_MAX; d++) {
      int py = py(Math.pow(10, d));
      g.setColor(Color.LIGHT_GRAY);
      g.drawLine(LEFT, py, W - RIGHT, py);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%,d", (long) Math.pow(10, d)), LEFT - 60, py + 4);
    }
    g.drawLine(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM);
    g.drawLine(LEFT, TOP, LEFT, H - BOTTOM);
    g.drawString(
        "wrongful suspensions per 10,000 advisor-days (95% Clopper-Pearson upper bound), log scale",
        LEFT + 150, H - 25);
    g.rotate(-Math.PI / 2);
    g.drawString("persons leaked, log scale", -(TOP + (H - TOP - BOTTOM) / 2) - 70, 25);
    g.rotate(Math.PI / 2);
  }

  /**
   * The promises: at most 1 wrongful suspension per 10,000; at most 200 persons for 20 accounts.
   */
  private static void promises(Graphics2D g) {
    g.setColor(PROMISE);
    g.setStroke(
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 6}, 0));
    g.drawLine(px(1), TOP, px(1), H - BOTTOM);
    g.drawLine(LEFT, py(200), W - RIGHT, py(200));
    g.drawString("1 per 10,000", px(1) + 4, H - BOTTOM - 8);
    g.drawString("200 persons (20 slow accounts)", W - RIGHT - 200, py(200) - 5);
    g.setStroke(new BasicStroke(1f));
  }

  private static void series(
      Graphics2D g, List<TradeoffSweep.Point> points, Color color, boolean all) {
    g.setColor(color);
    g.setStroke(new BasicStroke(2f));
    int lastX = -1;
    int lastY = -1;
    for (TradeoffSweep.Point p : points) {
      double y = all ? p.leakedAll() : p.leaked("low-and-slow-20");
      if (Double.isNaN(y)) {
        continue;
      }
      int x = px(p.result().falseSuspensionsPer10kUpper());
      int yy = py(y);
      if (lastX >= 0) {
        g.drawLine(lastX, lastY, x, yy);
      }
      if (all) {
        g.fillOval(x - 5, yy - 5, 10, 10);
        g.drawString(String.format(Locale.ROOT, "×%.2f", p.factor()), x + 7, yy - 7);
      } else {
        g.fillRect(x - 5, yy - 5, 10, 10);
        g.drawString(String.format(Locale.ROOT, "×%.2f", p.factor()), x + 7, yy + 16);
      }
      lastX = x;
      lastY = yy;
    }
  }

  private static int px(double x) {
    double log = Math.log10(Math.max(x, Math.pow(10, X_MIN)));
    return LEFT + (int) Math.round((W - LEFT - RIGHT) * (log - X_MIN) / (X_MAX - X_MIN));
  }

  private static int py(double y) {
    double log = Math.log10(Math.max(y, 1));
    return H - BOTTOM - (int) Math.round((H - TOP - BOTTOM) * (log - Y_MIN) / (Y_MAX - Y_MIN));
  }
}
