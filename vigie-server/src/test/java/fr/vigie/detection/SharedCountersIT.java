package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.detection.Limit.Measure;
import fr.vigie.detection.Limit.OnBreach;
import fr.vigie.identity.AccountId;
import fr.vigie.registry.PersonId;
import fr.vigie.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The ceilings counted in PostgreSQL ({@code ceiling_admit}, as the application's role) against the
 * in-memory {@link Counters} the simulated agency uses: on the same random accesses, each refused
 * by the same limit or admitted by both, with a retry-after within one bucket.
 */
class SharedCountersIT {
  private static final List<Limit> LIMITS =
      List.of(
          new Limit("burst", Measure.PERSONS, Duration.ofMinutes(1), 4, OnBreach.SUSPEND),
          new Limit("hourly", Measure.PERSONS, Duration.ofHours(1), 7, OnBreach.REFUSE),
          new Limit("daily", Measure.PERSONS, Duration.ofDays(1), 12, OnBreach.REFUSE),
          new Limit(
              "outside-daily", Measure.OUTSIDE_PERSONS, Duration.ofDays(1), 3, OnBreach.REFUSE),
          new Limit("searches", Measure.SEARCHES, Duration.ofHours(1), 5, OnBreach.REFUSE),
          new Limit(
              "empty-searches", Measure.EMPTY_SEARCHES, Duration.ofHours(1), 3, OnBreach.REFUSE),
          new Limit("accesses-minute", Measure.ACCESSES, Duration.ofMinutes(1), 5, OnBreach.REFUSE),
          new Limit("accesses-hourly", Measure.ACCESSES, Duration.ofHours(1), 20, OnBreach.REFUSE),
          new Limit("changes", Measure.CHANGES, Duration.ofHours(1), 2, OnBreach.REFUSE));

  private static HikariDataSource database;
  private static Connection app;
  private static SharedCounters shared;

  @BeforeAll
  static void database() throws Exception {
    database = TestDatabase.newDatabase();
    app = TestDatabase.connectAsApp(database);
    shared = new SharedCounters(new JdbcTemplate(new SingleConnectionDataSource(app, true)));
  }

  @AfterAll
  static void close() throws Exception {
    app.close();
    database.close();
  }

  @Test
  void randomAccesses_areAdmittedAndRefusedAsInMemory() {
    for (long seed = 1; seed <= 6; seed++) {
      compare(new Random(seed), new AccountId(UUID.randomUUID()));
    }
  }

  @Test
  void uncount_takesBackAReadCountedAheadAndNeverServed() {
    AccountId account = new AccountId(UUID.randomUUID());
    Instant at = Instant.parse("2026-03-02T09:00:00Z");
    List<PersonId> persons = persons(5);
    for (int n = 0; n < 4; n++) {
      assertThat(shared.admit(LIMITS, read(account, at, persons.get(n), Link.FOLLOWED))).isEmpty();
    }

    shared.uncount(
        new SharedCounters.Ahead(account, persons.get(3), at, LIMITS, Optional.empty(), null));

    assertThat(shared.admit(LIMITS, read(account, at, persons.get(4), Link.FOLLOWED)))
        .as("a fourth person of the minute, the third taken back: within the burst")
        .isEmpty();
    assertThat(shared.admit(LIMITS, read(account, at, persons.get(3), Link.FOLLOWED)))
        .as("the person taken back is a fifth one now")
        .map(b -> b.limit().name())
        .contains("burst");
  }

  @Test
  void aDayOfHistory_countsOnlyTheBucketsOfEachWindow() {
    AccountId account = new AccountId(UUID.randomUUID());
    Instant at = Instant.parse("2026-03-03T17:00:00Z");
    // A working day behind the account, one access every 10 s, all of it before the last hour.
    jdbc()
        .update(
            "insert into ceiling_tally (account_id, measure, width_s, bucket, n, first_at, last_at)"
                + " select ?, 'ACCESSES', w, floor(extract(epoch from t) / w)::bigint, 1, t, t"
                + " from unnest(array[1, 6]) w, generate_series(?::timestamptz, ?::timestamptz,"
                + " interval '10 seconds') t",
            account.value(),
            java.sql.Timestamp.from(at.minus(Duration.ofHours(23))),
            java.sql.Timestamp.from(at.minus(Duration.ofMinutes(62))));
    // 17 accesses within the last hour, the first a second after its start: the hour's limit (20)
    // leaves 3 more, and the minute's (5) is not reached before.
    tally(account, at.minus(Duration.ofHours(1)).plusSeconds(1));
    for (int n = 1; n < 17; n++) {
      tally(account, at.minus(Duration.ofMinutes(3L * n)));
    }
    List<PersonId> persons = persons(1);
    for (int n = 0; n < 3; n++) {
      assertThat(shared.admit(LIMITS, read(account, at, persons.get(0), Link.FOLLOWED)))
          .as("access %d of the hour's last 3", n)
          .isEmpty();
    }

    assertThat(shared.admit(LIMITS, read(account, at, persons.get(0), Link.FOLLOWED)))
        .map(b -> b.limit().name())
        .contains("accesses-hourly");
  }

  @Test
  void uncount_deletesTheBucketsItEmptied() {
    AccountId account = new AccountId(UUID.randomUUID());
    Instant at = Instant.parse("2026-03-02T10:00:00Z");
    PersonId person = persons(1).get(0);
    tally(account, at.minusSeconds(30));
    assertThat(shared.admit(LIMITS, read(account, at, person, Link.FOLLOWED))).isEmpty();

    shared.uncount(new SharedCounters.Ahead(account, person, at, LIMITS, Optional.empty(), null));

    assertThat(
            jdbc()
                .queryForList(
                    "select n from ceiling_tally where account_id = ? order by bucket, width_s",
                    Integer.class,
                    account.value()))
        .as("the earlier access's two buckets stay, the read's are gone")
        .containsExactly(1, 1);
  }

  /** One access counted at {@code at} in the buckets of both ACCESSES windows, as admitted. */
  private static void tally(AccountId account, Instant at) {
    for (int width : new int[] {1, 6}) {
      jdbc()
          .update(
              "insert into ceiling_tally (account_id, measure, width_s, bucket, n, first_at,"
                  + " last_at) values (?, 'ACCESSES', ?, ?, 1, ?, ?)",
              account.value(),
              width,
              Math.floorDiv(at.getEpochSecond(), width),
              java.sql.Timestamp.from(at),
              java.sql.Timestamp.from(at));
    }
  }

  private static JdbcTemplate jdbc() {
    return new JdbcTemplate(new SingleConnectionDataSource(app, true));
  }

  private static void compare(Random random, AccountId account) {
    Counters memory = new Counters(Duration.ofDays(1));
    List<PersonId> persons = persons(16);
    Instant at = Instant.parse("2026-03-02T09:00:00Z");
    for (int n = 0; n < 160; n++) {
      // At least 3 s apart: at most two accesses in any bucket of an hour's window (6 s), where
      // the shared count is exact.
      at =
          at.plusSeconds(
              random.nextInt(10) < 8 ? 3 + random.nextInt(20) : 60 + random.nextInt(900));
      Access access = randomAccess(random, account, at, persons);
      Optional<Limit> expected = memory.breach(LIMITS, access);
      Optional<SharedCounters.Breach> actual = shared.admit(LIMITS, access);
      assertThat(actual.map(b -> b.limit().name()))
          .as("access %d (%s) at %s", n, access.kind(), at)
          .isEqualTo(expected.map(Limit::name));
      if (expected.isEmpty()) {
        memory.count(access);
      } else {
        Duration wanted = memory.retryAfter(expected.get(), at);
        assertThat(actual.get().retryAfter())
            .as("retry-after of access %d", n)
            .isBetween(wanted.minusSeconds(1), wanted.plusSeconds(7));
      }
    }
  }

  private static Access randomAccess(
      Random random, AccountId account, Instant at, List<PersonId> persons) {
    int kind = random.nextInt(10);
    PersonId person = persons.get(random.nextInt(persons.size()));
    if (kind < 6) {
      return read(account, at, person, random.nextInt(5) == 0 ? Link.OUTSIDE : Link.FOLLOWED);
    }
    if (kind < 8) {
      return Access.search(account, at, random.nextInt(3) == 0 ? 0 : 1, "device", "network");
    }
    if (kind < 9) {
      return Access.of(account, at, AccessKind.CHANGE, person, Link.NONE, "device", "network");
    }
    return Access.of(account, at, AccessKind.UPDATE, person, Link.FOLLOWED, "device", "network");
  }

  private static Access read(AccountId account, Instant at, PersonId person, Link link) {
    return Access.of(account, at, AccessKind.READ, person, link, "device", "network");
  }

  private static List<PersonId> persons(int n) {
    List<PersonId> persons = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      persons.add(new PersonId(UUID.randomUUID()));
    }
    return persons;
  }
}
