package fr.vigie.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradeoffPlotTest {
  @TempDir Path dir;

  private static EvaluationResult result(long suspensions, double slowLeak) {
    EvaluationResult.ScenarioStats slow =
        new EvaluationResult.ScenarioStats(
            "low-and-slow-20", slowLeak, slowLeak, slowLeak, 86_400, 86_400, 1, 4000, 4400, 4450);
    return new EvaluationResult(
        10, 200_000, suspensions, 400, 20, 0, 50, 90, Map.of(), List.of(slow));
  }

  @Test
  void plot_sweep_writesAPngWithTheSeriesDrawn() throws Exception {
    List<TradeoffSweep.Point> points = new ArrayList<>();
    points.add(new TradeoffSweep.Point(0.5, result(468, 94)));
    points.add(new TradeoffSweep.Point(1.0, result(3, 129)));
    points.add(new TradeoffSweep.Point(2.0, result(0, 4118)));
    Path file = dir.resolve("tradeoff.png");

    new TradeoffSweep.Sweep(Evaluation.Settings.defaults(10, 200_000, List.of()), points)
        .plot(file);

    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isGreaterThan(500);
    // Some pixels carry the colour of the low-and-slow series.
    int orange = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == 0xDC8214) {
          orange++;
        }
      }
    }
    assertThat(orange).isGreaterThan(50);
  }
}
