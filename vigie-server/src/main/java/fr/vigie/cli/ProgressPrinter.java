package fr.vigie.cli;

import fr.vigie.registry.ImportProgress;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a long job's progress: a bar with rate and ETA on a terminal, a plain line every few
 * seconds otherwise (logs, CI). Prints counts only, never data.
 */
final class ProgressPrinter implements ImportProgress, AutoCloseable {
  private static final long PLAIN_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

  private final String task;
  private final String unit;
  private final PrintStream out;
  private final long started = System.nanoTime();
  private ProgressBar bar;
  private long lastLine = started;

  /**
   * @param unit what {@code done} and {@code total} count: "bytes" or "persons"
   */
  ProgressPrinter(String task, String unit, PrintStream out) {
    this.task = task;
    this.unit = unit;
    this.out = out;
  }

  @Override
  public void advanced(long persons, long done, long total) {
    if (Terminal.isInteractive()) {
      bar(total).stepTo(done);
      bar.setExtraMessage(String.format("%,d persons, %,.0f/s", persons, rate(persons)));
      return;
    }
    long now = System.nanoTime();
    if (now - lastLine < PLAIN_EVERY_NANOS) {
      return;
    }
    lastLine = now;
    String share = total > 0 ? String.format(" (%.0f%%)", 100.0 * done / total) : "";
    String eta = "";
    if (total > 0 && done > 0) {
      double elapsed = (now - started) / 1e9;
      eta =
          ", about "
              + format(Duration.ofSeconds((long) (elapsed * (total - done) / done)))
              + " left";
    }
    out.printf("%s: %,d persons%s, %,.0f persons/s%s%n", task, persons, share, rate(persons), eta);
  }

  private ProgressBar bar(long total) {
    if (bar == null) {
      ProgressBarBuilder builder =
          new ProgressBarBuilder()
              .setTaskName(task)
              .setStyle(ProgressBarStyle.ASCII)
              .setInitialMax(Math.max(total, 1))
              .showSpeed()
              .setUpdateIntervalMillis(250);
      if (unit.equals("bytes")) {
        builder.setUnit(" MiB", 1 << 20);
      }
      bar = builder.build();
    }
    return bar;
  }

  private double rate(long persons) {
    return persons / Math.max(1e-9, (System.nanoTime() - started) / 1e9);
  }

  static String format(Duration d) {
    return d.toHours() > 0
        ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
        : String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
