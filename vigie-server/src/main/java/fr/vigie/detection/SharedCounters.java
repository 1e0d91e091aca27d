package fr.vigie.detection;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.GuardPrefetch;
import fr.vigie.registry.PersonId;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The ceilings' counters and the throttle of every account, in PostgreSQL, so that every node
 * counts the same: {@code ceiling_admit} (migration V70) checks an access against the limits and
 * counts it if admitted, in one statement under a lock of the account. The in-memory {@link
 * Counters} count the same way for the simulated agency.
 */
@Repository
class SharedCounters {
  private final JdbcTemplate jdbc;

  SharedCounters(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The first limit of {@code limits} that refuses {@code access}, or empty once it is counted. */
  Optional<Breach> admit(List<Limit> limits, Access access) {
    Arrays arrays = Arrays.of(limits);
    return jdbc.queryForObject(
        "select breach, retry_after_s from ceiling_admit(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (row, i) -> breach(limits, row.getInt(1), row.getLong(2)),
        access.account().value(),
        Timestamp.from(access.at()),
        access.kind().name(),
        access.person() == null ? null : access.person().value(),
        access.link() == Link.OUTSIDE,
        access.found(),
        arrays.measures(),
        arrays.windows(),
        arrays.maxima(),
        arrays.suspends());
  }

  private static Optional<Breach> breach(List<Limit> limits, int breach, long retryAfter) {
    return breach == 0
        ? Optional.empty()
        : Optional.of(new Breach(limits.get(breach - 1), Duration.ofSeconds(retryAfter)));
  }

  /**
   * A read of {@code person} by {@code account} at {@code at}, checked and counted ahead within the
   * guard's own query of the account ({@code a}), if the account's state lets it read: its three
   * columns go to {@code ahead}.
   */
  GuardPrefetch.Plan aheadPlan(
      AccountId account, PersonId person, Instant at, List<Limit> limits, Consumer<Ahead> ahead) {
    Arrays arrays = Arrays.of(limits);
    return new GuardPrefetch.Plan(
        "ca.breach, ca.retry_after_s, ca.prior_at",
        3,
        List.of(),
        "left join lateral ceiling_admit_if(a.containment = 'ACTIVE' and a.locked_at is null,"
            + " a.id, ?, 'READ', ?, false, 0, ?, ?, ?, ?) ca on true",
        List.of(
            Timestamp.from(at),
            person.value(),
            arrays.measures(),
            arrays.windows(),
            arrays.maxima(),
            arrays.suspends()),
        (row, first) -> {
          int breach = row.getInt(first);
          if (row.wasNull()) {
            return;
          }
          Timestamp prior = row.getTimestamp(first + 2);
          ahead.accept(
              new Ahead(
                  account,
                  person,
                  at,
                  limits,
                  breach(limits, breach, row.getLong(first + 1)),
                  prior == null ? null : prior.toInstant()));
        });
  }

  /**
   * A read checked, and counted if admitted, ahead of the guard and the policy.
   *
   * @param prior when the account last disclosed the person before, or null
   */
  record Ahead(
      AccountId account,
      PersonId person,
      Instant at,
      List<Limit> limits,
      Optional<Breach> breach,
      Instant prior) {}

  /** Takes back {@code ahead}, counted but never served. */
  void uncount(Ahead ahead) {
    Arrays arrays = Arrays.of(ahead.limits());
    jdbc.queryForList(
        "select ceiling_uncount(?, ?, 'READ', ?, ?, ?, ?)",
        ahead.account().value(),
        Timestamp.from(ahead.at()),
        ahead.person().value(),
        ahead.prior() == null ? null : Timestamp.from(ahead.prior()),
        arrays.measures(),
        arrays.windows());
  }

  /** The limits as the arrays {@code ceiling_admit} takes, in the same order. */
  private record Arrays(String[] measures, int[] windows, int[] maxima, boolean[] suspends) {
    static Arrays of(List<Limit> limits) {
      int n = limits.size();
      Arrays arrays = new Arrays(new String[n], new int[n], new int[n], new boolean[n]);
      for (int i = 0; i < n; i++) {
        Limit limit = limits.get(i);
        arrays.measures[i] = limit.measure().name();
        arrays.windows[i] = Math.toIntExact(limit.window().toSeconds());
        arrays.maxima[i] = limit.max();
        arrays.suspends[i] = limit.onBreach() == Limit.OnBreach.SUSPEND;
      }
      return arrays;
    }
  }

  /** A limit the access would go over, and how long until it would be admitted again. */
  record Breach(Limit limit, Duration retryAfter) {}

  /**
   * True when a throttled account may go on at {@code now}, and then the next passes after {@code
   * spacing}: one access every {@code spacing}, whichever node serves it.
   */
  boolean throttlePasses(AccountId account, Instant now, Duration spacing) {
    return !jdbc.queryForList(
            "insert into ceiling_account as c (account_id, throttle_next) values (?, ?)"
                + " on conflict (account_id) do update set throttle_next = excluded.throttle_next"
                + " where c.throttle_next is null or c.throttle_next <= ?"
                + " returning account_id",
            UUID.class,
            account.value(),
            Timestamp.from(now.plus(spacing)),
            Timestamp.from(now))
        .isEmpty();
  }

  /** The ceilings that suspend count nothing of {@code account} up to {@code until}. */
  void forgive(AccountId account, Instant until) {
    jdbc.update(
        "insert into ceiling_account (account_id, forgiven_until) values (?, ?)"
            + " on conflict (account_id) do update set forgiven_until = excluded.forgiven_until",
        account.value(),
        Timestamp.from(until));
  }

  /** The persons {@code account} disclosed after {@code since}, oldest first. */
  List<PersonId> persons(AccountId account, Instant since) {
    return jdbc.query(
        "select person_id from ceiling_person where account_id = ? and last_at > ?"
            + " order by last_at",
        (row, i) -> new PersonId(row.getObject(1, UUID.class)),
        account.value(),
        Timestamp.from(since));
  }

  /**
   * True when disclosing every one of {@code more} at {@code at} would go over one of {@code
   * limits} that counts persons (see {@link Counters#wouldExceed}).
   */
  boolean wouldExceed(
      AccountId account, List<Limit> limits, Instant at, Collection<PersonId> more) {
    UUID[] found = more.stream().map(PersonId::value).toArray(UUID[]::new);
    Instant forgiven =
        jdbc
            .query(
                "select forgiven_until from ceiling_account where account_id = ?",
                (row, i) -> {
                  Timestamp t = row.getTimestamp(1);
                  return t == null ? Instant.MIN : t.toInstant();
                },
                account.value())
            .stream()
            .findFirst()
            .orElse(Instant.MIN);
    for (Limit limit : limits) {
      if (limit.measure() != Limit.Measure.PERSONS) {
        continue;
      }
      Instant since = at.minus(limit.window());
      if (limit.onBreach() == Limit.OnBreach.SUSPEND && forgiven.isAfter(since)) {
        since = forgiven;
      }
      Integer distinct =
          jdbc.queryForObject(
              "select count(*) from (select person_id from ceiling_person"
                  + " where account_id = ? and last_at > ? union select unnest(?::uuid[])) d",
              Integer.class,
              account.value(),
              Timestamp.from(since),
              found);
      if (distinct != null && distinct > limit.max()) {
        return true;
      }
    }
    return false;
  }
}
