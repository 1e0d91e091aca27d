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
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scoping an incident against a large audit log, on a throw-away durable PostgreSQL: the log is
 * grown in order by {@link AuditBulkLoad} (canonical entries and leaf hashes as the appender makes
 * them, the tree and its subtree hashes computed in Java, binary COPY on two connections, a signed
 * checkpoint every 100,000 entries; the secondary indexes set aside and built again after each
 * growth, {@link BulkIndexes}) with reads by 50,000 accounts of 6.4 million persons at a steady
 * pace over {@code days}, and at each size from 1 million up (1, 3, 10, 30, ... million, then the
 * target) an incident of 20 of these accounts over the last 28 days is declared through {@link
 * Incidents#declare}: the part of the log the window needs is verified, the 20 accounts' reads are
 * selected and the persons stored.
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

  /**
   * One step: the log's size, the window's entries, what the indexed scope proved and found and its
   * seconds; the seconds of the walk of the whole window that then confirmed it (the way every
   * scope was verified before, the baseline), and whether it did.
   */
  public record Step(
      long logEntries,
      long windowEntries,
      long checkpoints,
      long selected,
      long persons,
      double scopeSeconds,
      double walkSeconds,
      String completeness) {
    public double ratio() {
      return walkSeconds / scopeSeconds;
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
                          "{\"log_entries\":%d,\"window_entries\":%d,\"checkpoints\":%d,"
                              + "\"selected_proven\":%d,\"persons\":%d,\"scope_seconds\":%.2f,"
                              + "\"walk_seconds\":%.2f,\"ratio\":%.1f,\"completeness\":\"%s\"}",
                          s.logEntries(),
                          s.windowEntries(),
                          s.checkpoints(),
                          s.selected(),
                          s.persons(),
                          s.scopeSeconds(),
                          s.walkSeconds(),
                          s.ratio(),
                          s.completeness()))
              .collect(Collectors.joining(","));
      Step last = this.steps.getLast();
      return String.format(
          Locale.ROOT,
          "{\"benchmark\":\"breach\",\"method\":\"index\",\"entries\":%d,\"days\":%d,"
              + "\"accounts\":%d,\"window_days\":%d,"
              + "\"scope_seconds\":%.2f,\"window_entries\":%d,\"persons\":%d,"
              + "\"fill_seconds\":%.1f,\"database_bytes\":%d,\"cores\":%d,\"steps\":[%s]}",
          entries,
          days,
          THIEVES,
          WINDOW.toDays(),
          last.scopeSeconds(),
          last.windowEntries(),
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
        try (Connection owner = vigie.connect()) {
          BulkIndexes indexes = BulkIndexes.setAside(owner);
          grow(loader, size, start, perDay, out);
          long indexing = System.nanoTime();
          indexes.restore(owner);
          out.printf(
              Locale.ROOT,
              "  indexes of the log built again in %.1f s%n",
              (System.nanoTime() - indexing) / 1e9);
        }
        fill += (System.nanoTime() - started) / 1e9;
        Instant end = at(start, perDay, size - 1);
        clock.set(end);
        caughtUp(log, analyst, end);
        if (steps.isEmpty()) {
          // The process's first scope loads and compiles the scoping code: one, untimed, over the
          // log's last hour, so that the first size is timed as warm as the others.
          Scope hour = Scope.ofAccounts(thieves(), end.minus(Duration.ofHours(1)), end);
          confirmed(context, incidents.declare(analyst, "BENCH-WARM-UP", hour));
        }
        Scope scope = Scope.ofAccounts(thieves(), end.minus(WINDOW), end);
        long scoping = System.nanoTime();
        Incident incident = incidents.declare(analyst, "BENCH-" + size, scope);
        double seconds = (System.nanoTime() - scoping) / 1e9;
        Incident.ScopeRecord record = incident.scopes().getFirst();
        Incident.Completeness confirmed = confirmed(context, incident);
        Step step =
            new Step(
                size,
                record.verified().end() - record.verified().first(),
                record.verified().checkpoints(),
                record.verified().selected(),
                incident.totals().persons(),
                seconds,
                confirmed.seconds(),
                confirmed.state().name());
        steps.add(step);
        out.printf(
            Locale.ROOT,
            "log of %,d entries: scoped %d accounts over %d days in %.2f s by the index: %,d reads"
                + " proven, %,d persons (window of %,d entries); baseline, the walk of the whole"
                + " window that then confirmed it (%s): %.2f s, ratio %.1f%n",
            size,
            THIEVES,
            WINDOW.toDays(),
            seconds,
            step.selected(),
            step.persons(),
            step.windowEntries(),
            step.completeness(),
            step.walkSeconds(),
            step.ratio());
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

  /** Waits for the walk that follows an indexed scope, and returns what it found and its time. */
  private static Incident.Completeness confirmed(
      ConfigurableApplicationContext context, Incident incident) throws InterruptedException {
    var jdbc = context.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
    while (true) {
      Incident.Completeness completeness =
          jdbc.queryForObject(
              "select completeness, completeness_detail, completeness_seconds from incident_scope"
                  + " where incident_id = ? and seq = 1",
              (row, i) ->
                  new Incident.Completeness(
                      Incident.Completeness.State.valueOf(row.getString(1)),
                      row.getString(2),
                      row.getObject(3, Double.class)),
              incident.header().id().value());
      if (completeness.state() != Incident.Completeness.State.PENDING) {
        return completeness;
      }
      Thread.sleep(100);
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
