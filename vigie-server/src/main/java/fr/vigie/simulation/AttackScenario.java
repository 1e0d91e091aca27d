package fr.vigie.simulation;

import static java.util.Objects.requireNonNull;

import fr.vigie.identity.OrganizationKind;
import java.time.LocalTime;
import java.util.List;

/**
 * One attack, as written in a scenario file (docs/evaluation.md, "Scenario files"): which accounts
 * it takes, when, how fast, at which hours, from which device, against whom, for how long.
 *
 * @param organization the kind of organization of the accounts taken, or null for any
 * @param startDay the simulated day the attack starts (day 0 is a Monday)
 * @param recovery the attack starts with a helpdesk recovery of each account
 * @param dormantDays when above 0, the owners stopped using the accounts this many days before
 * @param ownerKeepsWorking the owners go on working while the attacker reads (stolen credentials);
 *     otherwise they stop at the start (locked out by the recovery)
 * @param windows the hours the attacker reads in
 * @param newDevice the attacker uses a device of its own; otherwise the owner's (a hijacked PC)
 * @param newAddress the attacker reads from a network of its own; otherwise the owner's
 * @param passesStepUp the attacker can prove a fresh second factor (it enrolled its own)
 * @param searchHitShare for a search sweep, the share of guesses that name a registered person
 * @param pauseMinutes how long the attacker waits after a refusal before it tries again
 * @param restartDays the simulated days at whose 05:00 the detection restarts (a nightly
 *     deployment): it keeps only what it stored of each account
 * @param act what the attacker does to each target: reads it, finds it by a search, changes it or
 *     refers it to a partner organization
 * @param persons when above 0, the attacker goes through only this many of its targets, again and
 *     again (1: one person re-read, which costs no new person)
 * @param rereadShare the share of the attacker's reads that go back to a target it already went
 *     through (a person already read, re-read: an access, no new person) instead of the next one
 */
public record AttackScenario(
    String name,
    String description,
    int accounts,
    OrganizationKind organization,
    int startDay,
    LocalTime startTime,
    boolean recovery,
    int dormantDays,
    boolean ownerKeepsWorking,
    double reads,
    Per per,
    List<Window> windows,
    boolean newDevice,
    boolean newAddress,
    boolean passesStepUp,
    Targets targets,
    double searchHitShare,
    double durationDays,
    int pauseMinutes,
    List<Integer> restartDays,
    Act act,
    int persons,
    double rereadShare) {
  public AttackScenario {
    requireNonNull(name, "name is null");
    requireNonNull(description, "description is null");
    requireNonNull(startTime, "startTime is null");
    requireNonNull(per, "per is null");
    windows = List.copyOf(requireNonNull(windows, "windows is null"));
    requireNonNull(targets, "targets is null");
    restartDays = List.copyOf(requireNonNull(restartDays, "restartDays is null"));
    requireNonNull(act, "act is null");
    if (targets == Targets.SEARCH_SWEEP && act != Act.READ) {
      throw new IllegalArgumentException(
          "action: a search_sweep searches and reads what it finds; expected read, got "
              + act.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (act == Act.BROAD_SEARCH && (targets != Targets.FOLLOWED || persons < 2)) {
      throw new IllegalArgumentException(
          "action: a broad_search searches the persons the account follows; expected targets"
              + " followed and persons >= 2 sharing the value");
    }
    if (persons < 0 || (targets == Targets.SEARCH_SWEEP && persons != 0)) {
      throw new IllegalArgumentException(
          "persons: expected a whole number >= 1 of the targets, and none for a search_sweep");
    }
    if (rereadShare < 0 || rereadShare >= 1) {
      throw new IllegalArgumentException("reread_share: expected a share >= 0 and < 1");
    }
    // Re-reads only: attacks that update, with or without re-reads, disagree through the server
    // with the same attack in memory (2026-12-01, cause not found); a second referral is no change.
    if (rereadShare > 0 && (targets == Targets.SEARCH_SWEEP || act != Act.READ)) {
      throw new IllegalArgumentException(
          "reread_share: only for a read of followed or organization targets");
    }
  }

  /**
   * What {@link #reads} counts: reads per second, minute, hour or day, or a share of its usual day.
   */
  public enum Per {
    SECOND,
    MINUTE,
    HOUR,
    DAY,
    /** {@code reads} times the account's own usual distinct persons per working day. */
    USUAL_DAY
  }

  /** Whom the attacker reads. */
  public enum Targets {
    /** The persons the account follows (its caseload), in an order of its own. */
    FOLLOWED,
    /** Every person of the account's organization, with a justification where one is needed. */
    ORGANIZATION,
    /**
     * Every person of the account's organization in the register's order, the scenario's accounts
     * taking turns (a coordinated walk), with a justification where one is needed.
     */
    ORGANIZATION_WALK,
    /** Searches by guessed name and birth date; each one found is read. */
    SEARCH_SWEEP
  }

  /** What the attacker does to each of its targets. */
  public enum Act {
    /** Reads the person. */
    READ,
    /** Searches for the person by its identifier, and reads what the search finds. */
    SEARCH,
    /** Changes the person's phone number (the answer discloses nothing, the change is done). */
    UPDATE,
    /** Refers the person to a partner organization, which opens it to every advisor there. */
    REFER,
    /**
     * Searches by an email its {@code persons} first followed persons share (a shelter's, which the
     * register holds for each person it houses): one search finds them all, and reads them.
     */
    BROAD_SEARCH
  }

  /** Which days a window applies to. */
  public enum Days {
    WEEKDAYS,
    WEEKENDS,
    ALL
  }

  /** A span of hours of some days; {@code toSecond} may be 86400 (midnight at the end). */
  public record Window(Days days, int fromSecond, int toSecond) {
    public Window {
      requireNonNull(days, "days is null");
      if (fromSecond < 0 || toSecond > 86_400 || fromSecond >= toSecond) {
        throw new IllegalArgumentException("window: expected from < to within one day");
      }
    }

    boolean applies(boolean weekend) {
      return switch (days) {
        case WEEKDAYS -> !weekend;
        case WEEKENDS -> weekend;
        case ALL -> true;
      };
    }
  }

  /** The last simulated day the attack may run on. */
  int endDay() {
    return startDay + (int) Math.ceil(durationDays) + 1;
  }
}
