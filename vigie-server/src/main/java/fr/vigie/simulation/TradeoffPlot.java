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
 * Draws the sweep as a PNG with java.awt, headless: persons leaked against wrongful suspensions.
 */
final class TradeoffPlot {
  private static final int W = 900;
  private static final int H = 560;
  private static final int LEFT = 90;
  private static final int RIGHT = 40;
  private static final int TOP = 50;
  private static final int BOTTOM = 70;

  private TradeoffPlot() {}

  static void draw(TradeoffSweep.Sweep sweep, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    List<TradeoffSweep.Point> points = sweep.points();
    double maxX = 1.2;
    double maxY = 10;
    for (TradeoffSweep.Point p : points) {
      maxX = Math.max(maxX, p.result().falseSuspensionsPer10kUpper() * 1.1);
      maxY = Math.max(maxY, Math.max(p.leakedAll(), p.leaked("low-and-slow-20")) * 1.1);
    }
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(
        "Persons leaked against advisors wrongly suspended, by suspension threshold", LEFT, 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawLine(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM);
    g.drawLine(LEFT, TOP, LEFT, H - BOTTOM);
    for (int i = 0; i <= 5; i++) {
      double x = maxX * i / 5;
      double y = maxY * i / 5;
      int px = px(x, maxX);
      int py = py(y, maxY);
      g.setColor(Color.LIGHT_GRAY);
      g.drawLine(px, TOP, px, H - BOTTOM);
      g.drawLine(LEFT, py, W - RIGHT, py);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.2f", x), px - 12, H - BOTTOM + 18);
      g.drawString(String.format(Locale.ROOT, "%.0f", y), LEFT - 45, py + 4);
    }
    g.drawString(
        "wrongful suspensions per 10,000 advisor-days (95% upper bound); promise: at most 1",
        LEFT + 120, H - 25);
    g.rotate(-Math.PI / 2);
    g.drawString("persons leaked", -(TOP + (H - TOP - BOTTOM) / 2) - 40, 30);
    g.rotate(Math.PI / 2);
    // The promise: at most one wrongful suspension per 10,000 advisor-days.
    g.setColor(new Color(200, 60, 60));
    g.setStroke(
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 6}, 0));
    g.drawLine(px(1, maxX), TOP, px(1, maxX), H - BOTTOM);
    if (200 < maxY) {
      g.drawLine(LEFT, py(200, maxY), W - RIGHT, py(200, maxY));
      g.drawString("200 persons (20 slow accounts)", W - RIGHT - 200, py(200, maxY) - 4);
    }
    series(g, points, maxX, maxY, new Color(30, 90, 180), true);
    series(g, points, maxX, maxY, new Color(220, 130, 20), false);
    g.setColor(new Color(30, 90, 180));
    g.drawString("● sum of the scenarios' median leaks", W - RIGHT - 300, TOP + 20);
    g.setColor(new Color(220, 130, 20));
    g.drawString("■ low-and-slow-20, p95 leak", W - RIGHT - 300, TOP + 38);
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static void series(
      Graphics2D g,
      List<TradeoffSweep.Point> points,
      double maxX,
      double maxY,
      Color color,
      boolean all) {
    g.setColor(color);
    g.setStroke(new BasicStroke(2f));
    int lastX = -1;
    int lastY = -1;
    for (TradeoffSweep.Point p : points) {
      double y = all ? p.leakedAll() : p.leaked("low-and-slow-20");
      if (Double.isNaN(y)) {
        continue;
      }
      int x = px(p.result().falseSuspensionsPer10kUpper(), maxX);
      int yy = py(y, maxY);
      if (lastX >= 0) {
        g.drawLine(lastX, lastY, x, yy);
      }
      if (all) {
        g.fillOval(x - 5, yy - 5, 10, 10);
      } else {
        g.fillRect(x - 5, yy - 5, 10, 10);
      }
      g.drawString(String.format(Locale.ROOT, "×%.2f", p.factor()), x + 7, yy - 7);
      lastX = x;
      lastY = yy;
    }
  }

  private static int px(double x, double maxX) {
    return LEFT + (int) Math.round((W - LEFT - RIGHT) * x / maxX);
  }

  private static int py(double y, double maxY) {
    return H - BOTTOM - (int) Math.round((H - TOP - BOTTOM) * y / maxY);
  }
}
