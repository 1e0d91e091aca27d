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
