package fr.vigie.detection;

import fr.vigie.detection.Limit.Measure;
import fr.vigie.registry.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sliding windows one account's ceilings count in: when each person was last disclosed, and
 * when each search ran. Entries older than the longest window are dropped as new ones come, so an
 * account holds at most a day of them. Not thread-safe: {@link Detection} locks it.
 */
final class Counters {
  private final Duration horizon;
  private final LinkedHashMap<PersonId, Instant> persons = new LinkedHashMap<>();
  private final LinkedHashMap<PersonId, Instant> outside = new LinkedHashMap<>();
  private final ArrayDeque<Instant> searches = new ArrayDeque<>();
  private final ArrayDeque<Instant> emptySearches = new ArrayDeque<>();
  private final ArrayDeque<Instant> accesses = new ArrayDeque<>();
  private final ArrayDeque<Instant> changes = new ArrayDeque<>();

  /**
   * The ceilings that suspend count nothing up to this instant: an analyst released the account
   * after it, so what led to the suspension does not lead to it again on the next read.
   */
  private Instant forgivenUntil = Instant.MIN;

  private Instant latest = Instant.MIN;

  Counters(Duration horizon) {
    this.horizon = horizon;
  }

  /** The first limit {@code access} would go over, if it were counted. */
  Optional<Limit> breach(Iterable<Limit> limits, Access access) {
    forget(access.at());
    for (Limit limit : limits) {
      if (wouldExceed(limit, access)) {
        return Optional.of(limit);
      }
    }
    return Optional.empty();
  }

  /**
   * True when disclosing every one of {@code more} at {@code at} would go over one of {@code
   * limits} that counts persons.
   */
  boolean wouldExceed(Iterable<Limit> limits, Instant at, Collection<PersonId> more) {
    forget(at);
    for (Limit limit : limits) {
      if (limit.measure() != Measure.PERSONS) {
        continue;
      }
      Instant since = since(limit, at);
      Set<PersonId> distinct = new HashSet<>();
      persons.forEach(
          (person, last) -> {
            if (last.isAfter(since)) {
              distinct.add(person);
            }
          });
      distinct.addAll(more);
      if (distinct.size() > limit.max()) {
        return true;
      }
    }
    return false;
  }

  /** Counts {@code access}; call only once it was admitted. */
  void count(Access access) {
    if (access.kind() != AccessKind.REFUSED) {
      accesses.addLast(access.at());
    }
    if (access.at().isAfter(latest)) {
      latest = access.at();
    }
    switch (access.kind()) {
      case READ, UPDATE -> {
        touch(persons, access.person(), access.at());
        if (access.link() == Link.OUTSIDE) {
          touch(outside, access.person(), access.at());
        }
      }
      case SEARCH -> {
        searches.addLast(access.at());
        if (access.found() == 0) {
          emptySearches.addLast(access.at());
        }
      }
      case CHANGE -> changes.addLast(access.at());
      case REFUSED -> {}
    }
  }

  /**
   * From now on the ceilings that suspend do not count what was counted so far; the others (hourly,
   * daily) still do, so a release does not hand the account a fresh day of reads.
   */
  void forgive() {
    forgivenUntil = latest;
  }

  private Instant since(Limit limit, Instant at) {
    Instant since = at.minus(limit.window());
    return limit.onBreach() == Limit.OnBreach.SUSPEND && forgivenUntil.isAfter(since)
        ? forgivenUntil
        : since;
  }

  private boolean wouldExceed(Limit limit, Access access) {
    Instant since = since(limit, access.at());
    return switch (limit.measure()) {
      case PERSONS -> access.disclosed() && exceeds(persons, access.person(), since, limit.max());
      case OUTSIDE_PERSONS ->
          access.disclosed()
              && access.link() == Link.OUTSIDE
              && exceeds(outside, access.person(), since, limit.max());
      case SEARCHES ->
          access.kind() == AccessKind.SEARCH && count(searches, since) + 1 > limit.max();
      // A search is refused before it runs, so whether it would find nobody is not known yet: an
      // account that has had its share of empty searches searches no more.
      case EMPTY_SEARCHES ->
          access.kind() == AccessKind.SEARCH && count(emptySearches, since) + 1 > limit.max();
      // The same person read again and again is no new person, but each read is one more entry in
      // the audit log and one more disclosure: every access counts here.
      case ACCESSES ->
          access.kind() != AccessKind.REFUSED && count(accesses, since) + 1 > limit.max();
      case CHANGES -> access.kind() == AccessKind.CHANGE && count(changes, since) + 1 > limit.max();
    };
  }

  /**
   * How long until an access refused by {@code limit} at {@code at} would be admitted, if nothing
   * more were counted meanwhile: until enough of the counted ones have left the window. At least
   * one second.
   */
  Duration retryAfter(Limit limit, Instant at) {
    Instant since = at.minus(limit.window());
    List<Instant> counted =
        switch (limit.measure()) {
          case PERSONS -> within(persons.sequencedValues(), since);
          case OUTSIDE_PERSONS -> within(outside.sequencedValues(), since);
          case SEARCHES -> within(searches, since);
          case EMPTY_SEARCHES -> within(emptySearches, since);
          case ACCESSES -> within(accesses, since);
          case CHANGES -> within(changes, since);
        };
    // Admitted again once only max - 1 remain: the oldest (size - max + 1) must leave.
    int leaving = counted.size() - limit.max();
    Duration wait =
        leaving < 0 || counted.isEmpty()
            ? limit.window()
            : Duration.between(at, counted.get(leaving).plus(limit.window()));
    long seconds = (wait.toMillis() + 999) / 1000;
    return Duration.ofSeconds(Math.max(1, seconds));
  }

  /** The times after {@code since}, oldest first. */
  private static List<Instant> within(Collection<Instant> times, Instant since) {
    return times.stream().filter(t -> t.isAfter(since)).sorted().toList();
  }

  /** True when {@code person} would be one distinct person too many since {@code since}. */
  private static boolean exceeds(
      LinkedHashMap<PersonId, Instant> seen, PersonId person, Instant since, int max) {
    Instant last = seen.get(person);
    if (last != null && last.isAfter(since)) {
      return false;
    }
    int distinct = 0;
    for (Instant at : seen.sequencedValues().reversed()) {
      if (!at.isAfter(since)) {
        break;
      }
      if (++distinct >= max) {
        return true;
      }
    }
    return false;
  }

  private static int count(ArrayDeque<Instant> times, Instant since) {
    int n = 0;
    Iterator<Instant> newestFirst = times.descendingIterator();
    while (newestFirst.hasNext() && newestFirst.next().isAfter(since)) {
      n++;
    }
    return n;
  }

  /** The persons disclosed within the horizon, oldest first. */
  List<PersonId> persons() {
    return List.copyOf(persons.sequencedKeySet());
  }

  private static void touch(LinkedHashMap<PersonId, Instant> seen, PersonId person, Instant at) {
    seen.remove(person);
    seen.put(person, at);
  }

  private void forget(Instant now) {
    Instant cutoff = now.minus(horizon);
    dropOlder(persons, cutoff);
    dropOlder(outside, cutoff);
    for (ArrayDeque<Instant> times : List.of(searches, emptySearches, accesses, changes)) {
      while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
        times.removeFirst();
      }
    }
  }

  private static void dropOlder(LinkedHashMap<PersonId, Instant> seen, Instant cutoff) {
    Iterator<Map.Entry<PersonId, Instant>> oldestFirst = seen.entrySet().iterator();
    while (oldestFirst.hasNext() && !oldestFirst.next().getValue().isAfter(cutoff)) {
      oldestFirst.remove();
    }
  }
}
