package fr.vigie.console;

import fr.vigie.detection.Activity;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * One series of hourly counts drawn as server-rendered SVG bars: the page needs no script (the
 * policy forbids inline ones) and the figures are counts only.
 *
 * @param key the series' code, for tests and styles: reads, refusals, step-ups, containments
 * @param bars one per hour, oldest first
 * @param ticks the hours labelled under the axis
 */
record ActivityChart(
    String key, String title, int total, int max, List<Bar> bars, List<Tick> ticks) {
  static final int WIDTH = 720;
  static final int HEIGHT = 160;
  static final int LEFT = 40;
  static final int BOTTOM = 20;
  static final int TOP = 10;

  /** How many hours apart the axis labels are. */
  static final int TICK_EVERY = 6;

  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("dd/MM HH'h'").withZone(ZoneId.of("Europe/Paris"));

  /** One hour's bar, in the SVG's coordinates. */
  record Bar(double x, double y, double width, double height, int count, String hour) {}

  /** One label under the axis. */
  record Tick(double x, String hour) {}

  /** The four series of an organization's hours. */
  static List<ActivityChart> of(List<Activity.Hour> hours) {
    return List.of(
        of("lectures", "Lectures de fiches", hours, Activity.Hour::reads),
        of("refus", "Accès refusés", hours, Activity.Hour::refusals),
        of("seconds-facteurs", "Seconds facteurs exigés (step-up)", hours, Activity.Hour::stepUps),
        of("confinements", "Comptes ralentis ou suspendus", hours, Activity.Hour::containments));
  }

  static ActivityChart of(
      String key, String title, List<Activity.Hour> hours, ToIntFunction<Activity.Hour> count) {
    int max = Math.max(1, hours.stream().mapToInt(count).max().orElse(0));
    double slot = (double) (WIDTH - LEFT) / Math.max(1, hours.size());
    double plot = HEIGHT - BOTTOM - TOP;
    List<Bar> bars = new ArrayList<>(hours.size());
    List<Tick> ticks = new ArrayList<>();
    int total = 0;
    for (int i = 0; i < hours.size(); i++) {
      int n = count.applyAsInt(hours.get(i));
      total += n;
      double height = plot * n / max;
      double x = LEFT + i * slot;
      String hour = label(hours.get(i).start());
      bars.add(new Bar(x + 1, HEIGHT - BOTTOM - height, Math.max(1, slot - 2), height, n, hour));
      if (i % TICK_EVERY == 0) {
        ticks.add(new Tick(x, hour));
      }
    }
    return new ActivityChart(key, title, total, max, bars, ticks);
  }

  private static String label(Instant hour) {
    return HOUR.format(hour);
  }
}
