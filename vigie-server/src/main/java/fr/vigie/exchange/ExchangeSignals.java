package fr.vigie.exchange;

import fr.vigie.identity.AddressRateLimiter;
import fr.vigie.identity.ContainmentState;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The exchange's log turned into evidence against a subcontractor's account: pure functions of what
 * they are given. Pulling more than was sent is what no honest subcontractor does, and suspends at
 * once. An odd hour or a new network alone is a machine moved or a late shift: it asks the operator
 * for a fresh second factor and alerts the analysts; both at once suspend.
 */
final class ExchangeSignals {
  static final String PULL = "exchange-pull";
  static final String SIGN_IN = "exchange-sign-in";

  private ExchangeSignals() {}

  /** What the evidence asks for, and why (no personal data: counts and a batch's file name). */
  record Finding(ContainmentState target, String detector, String reason) {}

  /** The weekday hours a subcontractor works in, in its time zone; the rest is odd. */
  record WorkingHours(ZoneId zone, LocalTime from, LocalTime to) {
    WorkingHours {
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("working hours: " + from + " is not before " + to);
      }
    }

    /** Parses {@code 07:00-20:00}. */
    static WorkingHours parse(ZoneId zone, String hours) {
      String[] ends = hours.strip().split("-", 2);
      if (ends.length != 2) {
        throw new IllegalArgumentException("working hours: expected HH:MM-HH:MM, got " + hours);
      }
      return new WorkingHours(zone, LocalTime.parse(ends[0]), LocalTime.parse(ends[1]));
    }

    boolean odd(Instant at) {
      ZonedDateTime local = at.atZone(zone);
      LocalTime time = local.toLocalTime();
      return local.getDayOfWeek() == DayOfWeek.SATURDAY
          || local.getDayOfWeek() == DayOfWeek.SUNDAY
          || time.isBefore(from)
          || !time.isBefore(to);
    }
  }

  /**
   * An account's downloads of one outbound file so far, against what the register placed there for
   * it ({@code placedBytes} null: never placed for this account).
   */
  static Optional<Finding> pulled(String file, Long placedBytes, long downloadedBytes) {
    if (downloadedBytes <= 0) {
      return Optional.empty();
    }
    if (placedBytes == null) {
      return Optional.of(
          new Finding(
              ContainmentState.SUSPENDED,
              PULL,
              "downloaded " + file + ", which the register never sent to this account"));
    }
    if (downloadedBytes > placedBytes) {
      return Optional.of(
          new Finding(
              ContainmentState.SUSPENDED,
              PULL,
              "downloaded %d bytes of %s, sent once with %d: more than it was sent"
                  .formatted(downloadedBytes, file, placedBytes)));
    }
    return Optional.empty();
  }

  /** A successful sign-in, at an odd hour or not, from a network the account used before or not. */
  static Optional<Finding> signedIn(boolean oddHour, boolean newNetwork) {
    if (oddHour && newNetwork) {
      return Optional.of(
          new Finding(
              ContainmentState.SUSPENDED,
              SIGN_IN,
              "signed in outside working hours from a network this account never used"));
    }
    if (oddHour) {
      return Optional.of(
          new Finding(ContainmentState.STEP_UP, SIGN_IN, "signed in outside working hours"));
    }
    if (newNetwork) {
      return Optional.of(
          new Finding(
              ContainmentState.STEP_UP,
              SIGN_IN,
              "signed in from a network this account never used"));
    }
    return Optional.empty();
  }

  /**
   * The network of a source address (its /24 for IPv4, its /64 for IPv6, as the register's own
   * sign-in limits count it), so that a machine that changes address within its network is not new.
   * Empty for anything but an address literal; no name is ever looked up.
   */
  static Optional<String> network(String source) {
    String network = AddressRateLimiter.network(source);
    return network.startsWith("other:") ? Optional.empty() : Optional.of(network);
  }
}
