package fr.vigie.simulation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Simulated days, numbered from a Monday, and their instants in the agency's zone. Day 0 is {@link
 * #START}; French public holidays are not modelled (they only remove working days).
 */
final class SimulatedCalendar {
  static final LocalDate START = LocalDate.of(2026, 1, 5);

  private final ZoneId zone;
  private final long[] midnights;

  SimulatedCalendar(ZoneId zone, int days) {
    this.zone = zone;
    this.midnights = new long[days + 1];
    for (int d = 0; d <= days; d++) {
      midnights[d] = START.plusDays(d).atStartOfDay(zone).toEpochSecond();
    }
  }

  int days() {
    return midnights.length - 1;
  }

  ZoneId zone() {
    return zone;
  }

  LocalDate date(int day) {
    return START.plusDays(day);
  }

  /** The instant {@code second} seconds after local midnight of {@code day}. */
  Instant at(int day, double second) {
    long whole = (long) Math.floor(second);
    return Instant.ofEpochSecond(midnights[day] + whole, (long) ((second - whole) * 1e9));
  }

  /** Seconds since local midnight of {@code day}, for an instant of that day. */
  double secondOfDay(int day, Instant at) {
    return at.getEpochSecond() - midnights[day] + at.getNano() / 1e9;
  }

  static boolean weekend(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }

  /** One of the last three weekdays of its month: the month-end peak. */
  static boolean monthEnd(LocalDate date) {
    int weekdaysLeft = 0;
    for (LocalDate d = date.plusDays(1); d.getMonth() == date.getMonth(); d = d.plusDays(1)) {
      if (!weekend(d)) {
        weekdaysLeft++;
      }
    }
    return weekdaysLeft < 3;
  }
}
