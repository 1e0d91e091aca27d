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
    };
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
    while (!searches.isEmpty() && !searches.peekFirst().isAfter(cutoff)) {
      searches.removeFirst();
    }
    while (!emptySearches.isEmpty() && !emptySearches.peekFirst().isAfter(cutoff)) {
      emptySearches.removeFirst();
    }
  }

  private static void dropOlder(LinkedHashMap<PersonId, Instant> seen, Instant cutoff) {
    Iterator<Map.Entry<PersonId, Instant>> oldestFirst = seen.entrySet().iterator();
    while (oldestFirst.hasNext() && !oldestFirst.next().getValue().isAfter(cutoff)) {
      oldestFirst.remove();
    }
  }
}
