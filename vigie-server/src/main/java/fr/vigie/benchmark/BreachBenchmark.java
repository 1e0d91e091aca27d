package fr.vigie.benchmark;

import fr.vigie.SimulatedClock;
import fr.vigie.access.Actor;
import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditBulkLoad;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditLog;
import fr.vigie.breach.Incident;
import fr.vigie.breach.Incidents;
import fr.vigie.breach.Scope;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.Channel;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Organizations;
import fr.vigie.identity.Role;
import fr.vigie.runtime.ThrowAwayVigie;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scoping an incident against a large audit log, on a throw-away durable PostgreSQL: the log is
 * grown in order by {@link AuditBulkLoad} (canonical entries and leaf hashes as the appender makes
 * them, binary COPY, a signed checkpoint every 100,000 entries) with reads by 50,000 accounts of
 * 6.4 million persons at a steady pace over {@code days}, and at each size from 1 million up (1, 3,
 * 10, 30, ... million, then the target) an incident of 20 of these accounts over the last 28 days
 * is declared through {@link Incidents#declare}: the part of the log the window needs is verified,
 * the 20 accounts' reads are selected and the persons stored.
 */
public final class BreachBenchmark {
  static final int ACCOUNTS = 50_000;
  static final int THIEVES = 20;
  static final long PERSONS = 6_400_000L;
  static final Duration WINDOW = Duration.ofDays(28);
  private static final int CHUNK = 10_000;
  static final long CHECKPOINT_EVERY = 100_000;
  private static final List<List<String>> FIELDS =
      List.of(
          List.of("identifier", "usual_name", "first_names", "email", "phone"),
          List.of("identifier", "usual_name", "first_names", "birth_date", "nir"),
          List.of("identifier", "usual_name", "address", "category"));

  /** One step: the log's size, the entries the scope verified and what it found, the seconds. */
  public record Step(
      long logEntries,
      long verifiedEntries,
      long checkpoints,
      long selected,
      long persons,
      double scopeSeconds,
      double baselineSeconds) {
    public double entriesPerSecond() {
      return verifiedEntries / scopeSeconds;
    }
  }

  /** The figures of one run. */
  public record Result(
      long entries, int days, double fillSeconds, List<Step> steps, long databaseBytes) {
    public String json() {
      String steps =
          this.steps.stream()
              .map(
                  s ->
                      String.format(
                          Locale.ROOT,
                          "{\"log_entries\":%d,\"verified_entries\":%d,\"checkpoints\":%d,"
                              + "\"selected\":%d,\"persons\":%d,\"scope_seconds\":%.2f,"
                              + "\"verified_per_s\":%.0f,\"baseline_seconds\":%.2f}",
                          s.logEntries(),
                          s.verifiedEntries(),
                          s.checkpoints(),
                          s.selected(),
                          s.persons(),
                          s.scopeSeconds(),
                          s.entriesPerSecond(),
                          s.baselineSeconds()))
              .collect(Collectors.joining(","));
      Step last = this.steps.getLast();
      return String.format(
          Locale.ROOT,
          "{\"benchmark\":\"breach\",\"entries\":%d,\"days\":%d,\"accounts\":%d,\"window_days\":%d,"
              + "\"scope_seconds\":%.2f,\"verified_entries\":%d,\"persons\":%d,"
              + "\"fill_seconds\":%.1f,\"database_bytes\":%d,\"cores\":%d,\"steps\":[%s]}",
          entries,
          days,
          THIEVES,
          WINDOW.toDays(),
          last.scopeSeconds(),
          last.verifiedEntries(),
          last.persons(),
          fillSeconds,
          databaseBytes,
          Runtime.getRuntime().availableProcessors(),
          steps);
    }
  }

  private BreachBenchmark() {}

  /**
   * The sizes at which a scope is measured: 1, 3, 10, 30, ... million below the target, then it.
   */
  static List<Long> sizes(long target) {
    List<Long> sizes = new ArrayList<>();
    for (long size = 1_000_000L; size < target; size = size % 3 == 0 ? size / 3 * 10 : size * 3) {
      sizes.add(size);
    }
    sizes.add(target);
    return sizes;
  }

  public static Result run(long entries, int days, PrintStream out) throws Exception {
    try (ThrowAwayVigie vigie =
        ThrowAwayVigie.start(
            "vigie-bench-breach",
            WebApplicationType.NONE,
            "--vigie.demo.enabled=false",
            "--vigie.clock.simulated=true",
            // The running appender catches up on a bulk load's leaves once, at its next append,
            // which may take longer than the usual 5 s here: that append is made before timing.
            "--vigie.audit.append-timeout=PT30M")) {
      ConfigurableApplicationContext context = vigie.context();
      AuditBulkLoad loader = context.getBean(AuditBulkLoad.class);
      AuditLog log = context.getBean(AuditLog.class);
      Incidents incidents = context.getBean(Incidents.class);
      Actor analyst = analyst(context);
      // The analyst's own audit entries are dated by the server's clock: keep it at the log's end,
      // so that the log's times rise with its indexes as a live log's do.
      SimulatedClock clock = context.getBean(SimulatedClock.class);
      Instant start = Instant.parse("2024-01-01T00:00:00Z");
      double perDay = entries / (double) days;
      List<Step> steps = new ArrayList<>();
      double fill = 0;
      for (long size : sizes(entries)) {
        long started = System.nanoTime();
        grow(loader, size, start, perDay, out);
        fill += (System.nanoTime() - started) / 1e9;
        Instant end = at(start, perDay, size - 1);
        clock.set(end);
        caughtUp(log, analyst, end);
        Scope scope = Scope.ofAccounts(thieves(), end.minus(WINDOW), end);
        long scoping = System.nanoTime();
        Incident incident = incidents.declare(analyst, "BENCH-" + size, scope);
        double seconds = (System.nanoTime() - scoping) / 1e9;
        Incident.ScopeRecord record = incident.scopes().getFirst();
        double baseline = plainRead(vigie, record.verified().first(), record.verified().end());
        Step step =
            new Step(
                size,
                record.verified().end() - record.verified().first(),
                record.verified().checkpoints(),
                record.verified().selected(),
                incident.totals().persons(),
                seconds,
                baseline);
        steps.add(step);
        out.printf(
            Locale.ROOT,
            "log of %,d entries: scoped %d accounts over %d days in %.2f s: %,d entries verified"
                + " (%,.0f/s), %,d checkpoints, %,d reads selected, %,d persons; baseline, the"
                + " same rows read by COPY and dropped: %.2f s%n",
            size,
            THIEVES,
            WINDOW.toDays(),
            seconds,
            step.verifiedEntries(),
            step.entriesPerSecond(),
            step.checkpoints(),
            step.selected(),
            step.persons(),
            baseline);
      }
      return new Result(entries, days, fill, steps, databaseBytes(vigie));
    }
  }

  /** One entry through the appender, so that it reads the bulk-loaded leaves before the timing. */
  private static void caughtUp(AuditLog log, Actor analyst, Instant at) {
    log.append(
        new AuditEvent(
            at,
            analyst.account().toString(),
            AuditAction.ADMIN,
            null,
            List.of(),
            "BENCH.LOG_GROWN",
            AuditDecision.ALLOW,
            null,
            analyst.organization().toString()));
  }

  /** The first {@value #THIEVES} of the accounts that read in the log. */
  static Set<AccountId> thieves() {
    Set<AccountId> thieves = new HashSet<>();
    for (int n = 0; n < THIEVES; n++) {
      thieves.add(new AccountId(account(n)));
    }
    return thieves;
  }

  private static UUID account(int n) {
    return new UUID(0xacc0_0000_0000_0000L, n);
  }

  private static Instant at(Instant start, double perDay, long index) {
    return start.plusNanos((long) (index / perDay * 86_400e9));
  }

  /**
   * Appends reads until the log holds {@code size} entries, in order: the i-th is dated {@code
   * start + i / perDay} days, so the log grows at a steady pace. Through {@link AuditBulkLoad}, the
   * fastest honest means: every entry framed and hashed as the appender does, binary COPY, a
   * checkpoint signed every {@value #CHECKPOINT_EVERY} entries.
   */
  private static void grow(
      AuditBulkLoad loader, long size, Instant start, double perDay, PrintStream out) {
    long first = loader.size();
    SplittableRandom random = new SplittableRandom(first);
    long began = System.nanoTime();
    Iterator<AuditEvent> events =
        new Iterator<>() {
          private long next = first;
          private long lastLine = began;
          private List<AuditEvent> chunk = List.of();
          private int position;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public AuditEvent next() {
            if (position == chunk.size()) {
              chunk = events(random, start, perDay, next, (int) Math.min(CHUNK, size - next));
              position = 0;
              progress();
            }
            next++;
            return chunk.get(position++);
          }

          private void progress() {
            long now = System.nanoTime();
            if (now - lastLine >= 10_000_000_000L) {
              lastLine = now;
              out.printf(
                  Locale.ROOT,
                  "  growing the log: %,d of %,d entries, %,.0f entries/s%n",
                  next,
                  size,
                  (next - first) / ((now - began) / 1e9));
            }
          }
        };
    loader.load(events, CHECKPOINT_EVERY);
  }

  private static List<AuditEvent> events(
      SplittableRandom random, Instant start, double perDay, long from, int count) {
    List<AuditEvent> events = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      int account = random.nextInt(ACCOUNTS);
      events.add(
          new AuditEvent(
              at(start, perDay, from + n),
              account(account).toString(),
              AuditAction.READ,
              new UUID(0xfeed_0000_0000_0000L, random.nextLong(PERSONS)).toString(),
              FIELDS.get(random.nextInt(FIELDS.size())),
              "FOLLOW_UP",
              AuditDecision.ALLOW,
              "net:" + Integer.toHexString(account % 4_096),
              new UUID(0x0e60_0000_0000_0000L, account / 60).toString()));
    }
    return events;
  }

  private static Actor analyst(ConfigurableApplicationContext context) {
    Organizations organizations = context.getBean(Organizations.class);
    organizations.registerOrganizations(
        List.of(
            new Organizations.NewOrganization(
                "SEC-BENCH", OrganizationKind.FRANCE_TRAVAIL_AGENCY, "Security bench")));
    organizations.registerAccounts(
        List.of(new Organizations.NewAccount("analyst-bench", "SEC-BENCH", Role.SECURITY_ANALYST)));
    var jdbc = context.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
    UUID account =
        jdbc.queryForObject(
            "select id from staff_account where login = ?", UUID.class, "analyst-bench");
    UUID organization =
        jdbc.queryForObject("select id from organization where code = ?", UUID.class, "SEC-BENCH");
    return new Actor(
        new AccountId(account),
        Role.SECURITY_ANALYST,
        new OrganizationId(organization),
        OrganizationKind.FRANCE_TRAVAIL_AGENCY,
        false,
        ContainmentState.ACTIVE,
        null,
        Channel.UNKNOWN);
  }

  /**
   * The baseline: the same rows of the log streamed out by binary COPY and dropped, nothing
   * verified or selected; what reading them costs at least.
   */
  private static double plainRead(ThrowAwayVigie vigie, long first, long end) throws Exception {
    try (Connection c = vigie.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement bounds =
          c.prepareStatement(
              "select set_config('vigie.scan_from', ?, true),"
                  + " set_config('vigie.scan_to', ?, true)")) {
        bounds.setString(1, Long.toString(first));
        bounds.setString(2, Long.toString(end));
        bounds.execute();
      }
      long started = System.nanoTime();
      new CopyManager(c.unwrap(BaseConnection.class))
          .copyOut(
              "copy (select idx, at, entry, leaf_hash, subject from audit_entry"
                  + " where idx >= current_setting('vigie.scan_from')::int8"
                  + " and idx < current_setting('vigie.scan_to')::int8 order by idx)"
                  + " to stdout (format binary)",
              OutputStream.nullOutputStream());
      double seconds = (System.nanoTime() - started) / 1e9;
      c.commit();
      return seconds;
    }
  }

  private static long databaseBytes(ThrowAwayVigie vigie) throws SQLException {
    try (Connection c = vigie.connect();
        PreparedStatement s = c.prepareStatement("select pg_database_size(current_database())");
        ResultSet rows = s.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
