package fr.vigie.benchmark;

import fr.vigie.audit.AuditLog;
import fr.vigie.identity.Credentials;
import fr.vigie.registry.ImportReport;
import fr.vigie.registry.PersonId;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.Registry;
import fr.vigie.runtime.ThrowAwayVigie;
import fr.vigie.simulation.DemoAgency;
import fr.vigie.simulation.StaffSession;
import fr.vigie.simulation.SyntheticAdvisor;
import fr.vigie.simulation.SyntheticAgency;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.WebApplicationType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Protected reads of persons over HTTP against plain reads of the same rows, in one run, on one
 * throw-away PostgreSQL and one web server on a random loopback port.
 *
 * <p>Protected: each client is an advisor signed in with password and TOTP in a cookie jar of its
 * own, reading {@link #WORKING_SET} persons of its own caseload in turn (the ceilings would suspend
 * an account reading more distinct persons a minute) with {@code GET /api/persons/{id}}: session,
 * security filters, account state, policy, decryption, audit append, event. Plain: the same
 * clients, the same HTTP server, the same rows read in clear from a copy with no protection at all
 * ({@link PlainReads}, which exists only in this benchmark).
 *
 * <p>Both paths run uncounted first, then alternate in rounds: on a shared machine the load from
 * elsewhere comes and goes, and a ratio of two phases minutes apart measures it as much as Vigie.
 */
public final class ReadBenchmark {
  /** Turns the plain-reads baseline on; set by this benchmark only. */
  static final String PLAIN_READS_PROPERTY = "vigie.bench.plain-reads";

  private static final String PASSWORD = "correct horse battery staple, bench";

  /** Not counted at the start of each round, while the clients' threads start. */
  private static final Duration RAMP = Duration.ofMillis(300);

  /** Persons each client reads in turn: fewer than the burst ceiling's 10 a minute. */
  static final int WORKING_SET = 8;

  /** The figures of one phase. */
  public record Phase(
      long reads,
      Map<String, Long> errors,
      double seconds,
      long[] sortedNanos,
      CpuTime.Sample cpu) {
    public double perSecond() {
      return reads / seconds;
    }

    /**
     * CPU milliseconds per read, of the JVM (clients and server) and of PostgreSQL (NaN unknown).
     */
    public double jvmCpuMillisPerRead() {
      return cpu.jvm() / 1e6 / reads;
    }

    public double postgresCpuMillisPerRead() {
      return cpu.postgres() < 0 ? Double.NaN : cpu.postgres() / 1e6 / reads;
    }

    public double cpuMillisPerRead() {
      return jvmCpuMillisPerRead() + postgresCpuMillisPerRead();
    }

    /** The rounds of one path as one phase: their reads, errors, time and latencies together. */
    static Phase merge(List<Phase> rounds) {
      long reads = 0;
      double seconds = 0;
      Map<String, Long> errors = new TreeMap<>();
      long[] nanos = new long[0];
      CpuTime.Sample cpu = CpuTime.ZERO;
      for (Phase round : rounds) {
        cpu = cpu.plus(round.cpu());
        reads += round.reads();
        seconds += round.seconds();
        round.errors().forEach((failure, count) -> errors.merge(failure, count, Long::sum));
        int at = nanos.length;
        nanos = Arrays.copyOf(nanos, at + round.sortedNanos().length);
        System.arraycopy(round.sortedNanos(), 0, nanos, at, round.sortedNanos().length);
      }
      Arrays.sort(nanos);
      return new Phase(reads, errors, seconds, nanos, cpu);
    }

    public long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    public double percentileMillis(double p) {
      if (sortedNanos.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100 * sortedNanos.length) - 1);
      return sortedNanos[Math.max(0, i)] / 1e6;
    }
  }

  /** The figures of one run. */
  public record Result(
      long persons,
      int clients,
      int seconds,
      int warmUp,
      int rounds,
      Phase protectedReads,
      Phase plainReads,
      double auditAppendsPerSecond) {

    public double ratio() {
      return protectedReads.perSecond() / plainReads.perSecond();
    }

    /**
     * A plain read's CPU over a protected one's, the JVM's and PostgreSQL's together: the ratio of
     * rates a machine whose cores the benchmark had to itself would show, were both paths bound by
     * CPU alone.
     */
    public double cpuRatio() {
      return plainReads.cpuMillisPerRead() / protectedReads.cpuMillisPerRead();
    }

    public String json() {
      return String.format(
          Locale.ROOT,
          "{\"benchmark\":\"read\",\"persons\":%d,\"clients\":%d,\"seconds\":%d,\"rounds\":%d,"
              + "\"protected_reads_per_s\":%.1f,\"plain_reads_per_s\":%.1f,\"ratio\":%.3f,"
              + "\"protected_p50_ms\":%.2f,\"protected_p99_ms\":%.2f,\"plain_p50_ms\":%.2f,"
              + "\"plain_p99_ms\":%.2f,\"audit_appends_per_s\":%.1f,\"protected_errors\":%d,"
              + "\"plain_errors\":%d,\"protected_cpu_ms\":%.3f,\"protected_jvm_cpu_ms\":%.3f,"
              + "\"protected_pg_cpu_ms\":%.3f,\"plain_cpu_ms\":%.3f,\"plain_jvm_cpu_ms\":%.3f,"
              + "\"plain_pg_cpu_ms\":%.3f,\"cpu_ratio\":%.3f,\"cores\":%d}",
          persons,
          clients,
          seconds,
          rounds,
          protectedReads.perSecond(),
          plainReads.perSecond(),
          ratio(),
          protectedReads.percentileMillis(50),
          protectedReads.percentileMillis(99),
          plainReads.percentileMillis(50),
          plainReads.percentileMillis(99),
          auditAppendsPerSecond,
          protectedReads.errorCount(),
          plainReads.errorCount(),
          protectedReads.cpuMillisPerRead(),
          protectedReads.jvmCpuMillisPerRead(),
          protectedReads.postgresCpuMillisPerRead(),
          plainReads.cpuMillisPerRead(),
          plainReads.jvmCpuMillisPerRead(),
          plainReads.postgresCpuMillisPerRead(),
          cpuRatio(),
          Runtime.getRuntime().availableProcessors());
    }
  }

  /** One advisor's client: its cookie jar, its HTTP client, the persons it follows. */
  private record Client(StaffSession session, List<PersonId> reads) {}

  private ReadBenchmark() {}

  public static Result run(
      int persons, int clients, int seconds, int warmUp, int rounds, long seed, PrintStream out)
      throws Exception {
    if (rounds < 1 || seconds * 1_000L / rounds < 1_000) {
      throw new IllegalArgumentException("each round must count at least one second");
    }
    try (ThrowAwayVigie vigie =
        ThrowAwayVigie.start(
            "vigie-bench-read",
            WebApplicationType.SERVLET,
            "--" + PLAIN_READS_PROPERTY + "=true",
            "--vigie.demo.enabled=false",
            // Fifty sign-ins from one loopback address in a few seconds.
            "--vigie.sign-in.rate-limit.capacity=100000",
            // Each client rereads its working set as fast as it can, which the ceilings on all
            // accesses (30 a minute) are there to refuse: the benchmark measures the cost of the
            // path, every step of it still run, not how soon a ceiling answers 429.
            "--vigie.ceilings.max.ADVISOR.accesses-minute=2000000000",
            "--vigie.ceilings.max.ADVISOR.accesses-hourly=2000000000")) {
      String base = "http://127.0.0.1:" + vigie.port();
      long loading = System.nanoTime();
      List<Client> team = load(vigie, persons, clients, seed, out);
      out.printf(
          "loaded %,d persons, signed in %d advisors with password and TOTP in %.1f s, not"
              + " counted below%n",
          persons, team.size(), (System.nanoTime() - loading) / 1e9);

      AuditLog audit = vigie.context().getBean(AuditLog.class);
      CpuTime cpu;
      try (Connection connection = vigie.connect()) {
        cpu = CpuTime.of(connection);
      }
      Target protectedPath = person -> "/api/persons/" + person.value();
      Target plainPath = person -> "/bench/plain/" + person.value();
      // Both paths warm up before either is counted: the JIT is still compiling the HTTP client,
      // Tomcat and Spring code both paths share during whichever runs first, and that one would
      // pay for it. Then the two alternate, so that a burst of load from elsewhere on a shared
      // machine falls on both rather than on one.
      phase(
          team, Duration.ofSeconds(warmUp), Duration.ZERO, protectedPath, cpu, () -> {}, () -> {});
      phase(team, Duration.ofSeconds(warmUp), Duration.ZERO, plainPath, cpu, () -> {}, () -> {});
      Duration round = Duration.ofMillis(seconds * 1_000L / rounds);
      List<Phase> protectedRounds = new ArrayList<>(rounds);
      List<Phase> plainRounds = new ArrayList<>(rounds);
      long[] appended = new long[1];
      long[] auditAtStart = new long[1];
      for (int r = 0; r < rounds; r++) {
        protectedRounds.add(
            phase(
                team,
                RAMP,
                round,
                protectedPath,
                cpu,
                () -> auditAtStart[0] = audit.size(),
                () -> appended[0] += audit.size() - auditAtStart[0]));
        plainRounds.add(phase(team, RAMP, round, plainPath, cpu, () -> {}, () -> {}));
        out.printf(
            Locale.ROOT,
            "round %d of %d: %,.0f protected reads/s, %,.0f plain reads/s%n",
            r + 1,
            rounds,
            protectedRounds.getLast().perSecond(),
            plainRounds.getLast().perSecond());
      }
      Phase protectedReads = Phase.merge(protectedRounds);
      Phase plainReads = Phase.merge(plainRounds);
      double audited = appended[0] / protectedReads.seconds();
      report(out, "protected", protectedReads);
      report(out, "plain", plainReads);
      return new Result(
          persons, team.size(), seconds, warmUp, rounds, protectedReads, plainReads, audited);
    }
  }

  private static void report(PrintStream out, String name, Phase phase) {
    out.printf(
        Locale.ROOT,
        "%-9s reads: %,d in %.1f s: %,.0f reads/s, p50 %.2f ms, p99 %.2f ms, errors %d %s%n"
            + "          CPU per read %.3f ms: JVM (clients and server) %.3f ms, PostgreSQL %.3f"
            + " ms%n",
        name,
        phase.reads(),
        phase.seconds(),
        phase.perSecond(),
        phase.percentileMillis(50),
        phase.percentileMillis(99),
        phase.errorCount(),
        phase.errors().isEmpty() ? "" : phase.errors(),
        phase.cpuMillisPerRead(),
        phase.jvmCpuMillisPerRead(),
        phase.postgresCpuMillisPerRead());
  }

  /**
   * The agency into the register through the real import, its caseloads, the clear copy of the same
   * rows for the baseline; then {@code clients} advisors with a password, enrolled in TOTP and
   * signed in with both factors over HTTP.
   */
  private static List<Client> load(
      ThrowAwayVigie vigie, int persons, int clients, long seed, PrintStream out) throws Exception {
    var context = vigie.context();
    Registry registry = context.getBean(Registry.class);
    Credentials credentials = context.getBean(Credentials.class);
    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

    SyntheticAgency agency = SyntheticAgency.generate(persons, seed);
    ImportReport report = context.getBean(DemoAgency.class).load(agency);
    out.printf(
        "imported %,d persons (%,d refused as past the retention period) in %.1f s%n",
        report.inserted(), report.rejected(), report.elapsed().toNanos() / 1e9);

    PersonId[] ids = new PersonId[persons];
    // As the owner (the application's role may not create tables); the migrations' default
    // privileges let the application's role read and fill it.
    try (Connection owner = vigie.connect();
        Statement ddl = owner.createStatement()) {
      ddl.execute(
          "create table "
              + PlainReads.TABLE
              + " (id uuid primary key, "
              + String.join(" text, ", PlainReads.COLUMNS)
              + " text)");
    }
    List<Object[]> rows = new ArrayList<>(1_000);
    String insert =
        "insert into "
            + PlainReads.TABLE
            + " values (?"
            + ", ?".repeat(PlainReads.COLUMNS.size())
            + ")";
    for (int i = 0; i < persons; i++) {
      PersonRecord person = agency.person(i);
      ids[i] = registry.findByIdentifier(person.identifier()).orElse(null);
      if (ids[i] != null) {
        rows.add(plainRow(ids[i], person));
      }
      if (rows.size() == 1_000 || (i == persons - 1 && !rows.isEmpty())) {
        jdbc.batchUpdate(insert, rows);
        rows.clear();
      }
    }
    List<SyntheticAdvisor> chosen = new ArrayList<>();
    List<List<PersonId>> followedByChosen = new ArrayList<>();
    for (SyntheticAdvisor advisor : agency.advisors()) {
      // An advisor's working set: the ceilings suspend an account that reads more than 10
      // distinct persons within a minute, so each client reads the same few again and again.
      List<PersonId> followed =
          advisor
              .personIndexes()
              .mapToObj(i -> ids[(int) i])
              .filter(id -> id != null)
              .limit(WORKING_SET)
              .toList();
      if (!followed.isEmpty() && chosen.size() < clients) {
        chosen.add(advisor);
        followedByChosen.add(followed);
      }
    }
    if (chosen.size() < clients) {
      throw new IllegalStateException(
          "the agency has "
              + chosen.size()
              + " advisors with a caseload, fewer than the "
              + clients
              + " clients: generate more persons");
    }

    // Argon2 is memory-hard: two sign-ins at a time on two cores.
    String base = "http://127.0.0.1:" + vigie.port();
    List<Client> team = new ArrayList<>(clients);
    try (ExecutorService signIns = Executors.newFixedThreadPool(2)) {
      List<Future<Client>> ready = new ArrayList<>(clients);
      for (int c = 0; c < clients; c++) {
        SyntheticAdvisor advisor = chosen.get(c);
        List<PersonId> followed = followedByChosen.get(c);
        ready.add(
            signIns.submit(
                () -> {
                  credentials.setPassword(
                      credentials.accountId(advisor.login()).orElseThrow(), PASSWORD);
                  return new Client(
                      StaffSession.firstSignIn(base, advisor.login(), PASSWORD), followed);
                }));
      }
      for (Future<Client> client : ready) {
        team.add(client.get());
      }
    }
    return team;
  }

  private static Object[] plainRow(PersonId id, PersonRecord p) {
    return new Object[] {
      id.value(),
      p.identifier().value(),
      p.nir() == null ? null : p.nir().value(),
      p.sex() == null ? null : p.sex().name(),
      p.birthName(),
      p.usualName(),
      p.firstNames(),
      text(p.birthDate()),
      p.birthPlace(),
      p.email(),
      p.phone(),
      p.address(),
      p.category() == null ? null : p.category().name(),
      text(p.registeredOn()),
      text(p.leftOn())
    };
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private interface Target {
    String path(PersonId person);
  }

  /**
   * Every client reads the persons it follows in turn, in a thread of its own, for {@code warmUp}
   * seconds not counted, then {@code seconds} counted; a request counts when it starts in the
   * counted window. Any answer but 200 is an error, and so is a request that failed.
   */
  private static Phase phase(
      List<Client> team,
      Duration warmUp,
      Duration counting,
      Target target,
      CpuTime cpu,
      Runnable atStart,
      Runnable atEnd)
      throws InterruptedException {
    int n = team.size();
    long[][] nanos = new long[n][];
    int[] counts = new int[n];
    Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    long begin = System.nanoTime() + 100_000_000L;
    long counted = begin + warmUp.toNanos();
    long end = counted + counting.toNanos();
    Thread[] threads = new Thread[n];
    for (int t = 0; t < n; t++) {
      int thread = t;
      Client client = team.get(t);
      threads[t] =
          Thread.ofPlatform()
              .name("bench-read-" + t)
              .start(
                  () -> {
                    long[] mine = new long[1 << 14];
                    int count = 0;
                    int next = thread; // clients start at different places of their caseload
                    while (System.nanoTime() < begin) {
                      Thread.onSpinWait();
                    }
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                      PersonId person = client.reads().get(next++ % client.reads().size());
                      String failure = null;
                      try {
                        StaffSession.Answer answer = client.session().get(target.path(person));
                        if (answer.status() != 200) {
                          failure = "HTTP " + answer.status();
                        }
                      } catch (IllegalStateException e) {
                        if (Thread.currentThread().isInterrupted()) {
                          return;
                        }
                        failure = "no answer";
                      }
                      long took = System.nanoTime() - now;
                      if (now >= counted) {
                        if (failure != null) {
                          errors.computeIfAbsent(failure, k -> new AtomicLong()).incrementAndGet();
                        } else {
                          if (count == mine.length) {
                            mine = Arrays.copyOf(mine, count * 2);
                          }
                          mine[count++] = took;
                        }
                      }
                    }
                    nanos[thread] = mine;
                    counts[thread] = count;
                  });
    }
    sleepUntil(counted);
    atStart.run();
    CpuTime.Sample cpuAtStart = cpu.now();
    sleepUntil(end);
    CpuTime.Sample used = cpu.now().minus(cpuAtStart);
    atEnd.run();
    for (Thread thread : threads) {
      thread.join();
    }
    int total = 0;
    for (int count : counts) {
      total += count;
    }
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < n; t++) {
      System.arraycopy(nanos[t], 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    Map<String, Long> errorCounts = new TreeMap<>();
    errors.forEach((k, v) -> errorCounts.put(k, v.get()));
    return new Phase(total, errorCounts, counting.toNanos() / 1e9, all, used);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
      Thread.sleep(Duration.ofNanos(left));
    }
  }
}
