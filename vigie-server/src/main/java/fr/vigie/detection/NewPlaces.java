package fr.vigie.detection;

import fr.vigie.identity.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Many accounts, of any organizations, each working within a day from a place it never worked from
 * (a device and a network both first seen today, by an account in use for four weeks). One such
 * account is an advisor's first morning at home on a new laptop, which no detector of its own can
 * tell from a thief's; an advisor changes both within a day once in years, so that more accounts at
 * once than the register's own days have ever shown are stolen credentials used from the thieves'
 * machines. Looks over the whole register, since a thief holding many accounts holds them wherever
 * their owners work. Not thread-safe: {@link CrossAccount} locks it.
 */
final class NewPlaces {
  static final String NAME = "new-places";

  /**
   * The name under which what it learned of usual days is stored beside the organizations' (an
   * organization's code never starts with a parenthesis).
   */
  static final String SCOPE = "(new places)";

  /** How long an account's arrival at a new place counts, and how new the place must be. */
  static final Duration WINDOW = Duration.ofDays(1);

  /** Fewest accounts at new places at once that say anything. */
  static final int MIN_ACCOUNTS = 8;

  /** How many times the usual number of accounts at new places a day there must be. */
  static final double FOLD = 3;

  /** The points of a finding: a step-up, and with any other detector a suspension. */
  static final int POINTS = 60;

  /** The most days the usual day is averaged over: older days fade. */
  private static final int LEARNED_DAYS = 28;

  /** The accounts at a new place within the window, with their first read from it. */
  private final Map<AccountId, Instant> arrived = new LinkedHashMap<>();

  private final Set<AccountId> named = new LinkedHashSet<>();
  private LocalDate day;
  private Instant newest;
  private int most;
  private boolean alarmed;
  private double usual;
  private int days;

  /** False while a restart replays what was stored: those days were learned before it. */
  private boolean learning = true;

  Optional<CrossFinding> observe(AccountId account, Instant at, LocalDate today, boolean newPlace) {
    if (day != null && today.isBefore(day)) {
      // Another node's, replayed after this one's day turned: within the window it still counts
      // (the next arrival may complete an alarm); its day was learned already.
      if (newPlace && !at.isBefore(newest.minus(WINDOW))) {
        arrived.putIfAbsent(account, at);
      }
      return Optional.empty();
    }
    boolean turned = !today.equals(day);
    if (turned) {
      close();
      day = today;
    }
    newest = newest == null || at.isAfter(newest) ? at : newest;
    Instant since = newest.minus(WINDOW);
    arrived.values().removeIf(first -> first.isBefore(since));
    named.retainAll(arrived.keySet());
    if (turned) {
      // The arrivals of yesterday evening still in the window are today's too, and so is their
      // alarm: an attack across midnight must not be learned as the next usual day.
      most = arrived.size();
      alarmed = arrived.size() >= threshold();
    }
    if (!newPlace) {
      return Optional.empty();
    }
    arrived.putIfAbsent(account, at);
    most = Math.max(most, arrived.size());
    if (arrived.size() < threshold()) {
      return Optional.empty();
    }
    alarmed = true;
    Set<AccountId> fresh = new LinkedHashSet<>(arrived.keySet());
    fresh.removeAll(named);
    if (fresh.isEmpty()) {
      return Optional.empty();
    }
    named.addAll(fresh);
    return Optional.of(
        new CrossFinding(
            NAME,
            POINTS,
            List.copyOf(fresh),
            arrived.size()
                + " accounts each worked within a day from a device and a network both new to it,"
                + " against "
                + String.format(Locale.ROOT, "%.1f", usual)
                + " on a usual day: "
                + CrossFinding.named(arrived.keySet())));
  }

  /** Accounts at new places at once that say something: a few, or several times the usual. */
  int threshold() {
    return (int) Math.max(MIN_ACCOUNTS, Math.ceil(FOLD * usual));
  }

  /** What it learned of usual days, to be stored, or empty before its first day. */
  Optional<CrossMemory.Learned> learned() {
    return days == 0
        ? Optional.empty()
        : Optional.of(new CrossMemory.Learned(SCOPE, usual, days, 0));
  }

  /** Takes back what it learned, on a start, before any observation. */
  void learn(CrossMemory.Learned learned) {
    usual = learned.usual();
    days = learned.days();
  }

  /**
   * While {@code learning} is false (a restart replaying the stored week), the days it passes are
   * not taught again: what was stored holds them.
   */
  void learning(boolean learning) {
    this.learning = learning;
  }

  private void close() {
    // An alarmed day is not taught as usual: an attack must not raise the bar for itself.
    if (day != null && !alarmed && learning) {
      days++;
      usual += (most - usual) / Math.min(days, LEARNED_DAYS);
    }
  }
}
