package fr.vigie.simulation;

import fr.vigie.identity.Credentials;
import fr.vigie.identity.Organizations;
import fr.vigie.identity.Role;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo, seen live: a few advisors of the demo agency work at a human pace against the running
 * server while one usurped advisor account reads its caseload at full speed. The attacker is cut by
 * the guard, its session ends, and a security analyst lists the alert. Everything goes through
 * HTTP, sign-in with both factors included; the output names accounts and counts, never a person.
 */
@Service
public class LiveDemo {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcTemplate jdbc;
  private final Credentials credentials;
  private final Organizations organizations;
  private final Clock clock;

  LiveDemo(
      JdbcTemplate jdbc,
      Credentials credentials,
      Organizations organizations,
      Optional<Clock> clock) {
    this.jdbc = jdbc;
    this.credentials = credentials;
    this.organizations = organizations;
    // The authenticator apps read the server's clock: the real one, unless a test sets another.
    this.clock = clock.orElse(Clock.systemUTC());
  }

  private StaffSession signIn(String base, String login, String password) {
    return StaffSession.firstSignIn(base, login, password, clock, null);
  }

  /** What the demo saw: how many persons left before the cut, and the advisors' refusals. */
  public record Outcome(
      int attackerPersons,
      long containedMillis,
      int advisorReads,
      int advisorRefusals,
      boolean alertListed) {}

  private record DemoAccount(UUID id, String login, String organization, List<UUID> caseload) {}

  /**
   * Runs the demo against the server at {@code base} for about {@code duration}: {@code advisors}
   * honest advisors and one attacker, all taken from the demo agency's advisors that never signed
   * in (each run uses fresh ones).
   */
  public Outcome run(String base, int advisors, Duration duration, PrintStream out)
      throws InterruptedException {
    List<DemoAccount> team = pick(advisors + 1);
    DemoAccount usurped = team.getLast();
    say(
        out,
        "%d advisors of %s start their day; %s is about to be usurped",
        advisors,
        usurped.organization(),
        usurped.login());
    List<StaffSession> sessions = new ArrayList<>();
    for (DemoAccount advisor : team.subList(0, advisors)) {
      sessions.add(signIn(base, advisor.login(), givePassword(advisor.id())));
    }
    AtomicBoolean working = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger refusals = new AtomicInteger();
    Outcome outcome;
    try (ExecutorService day = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int a = 0; a < advisors; a++) {
        StaffSession session = sessions.get(a);
        DemoAccount advisor = team.get(a);
        day.submit(() -> work(session, advisor, working, reads, refusals, out));
      }
      Thread.sleep(duration.dividedBy(4));
      outcome = attack(base, usurped, team.getFirst().organization(), out);
      Thread.sleep(duration.dividedBy(2));
      working.set(false);
    }
    say(
        out,
        "the advisors' day: %d reads, %d refused; none of them was stopped",
        reads.get(),
        refusals.get());
    return new Outcome(
        outcome.attackerPersons(),
        outcome.containedMillis(),
        reads.get(),
        refusals.get(),
        outcome.alertListed());
  }

  /** An honest advisor: a few persons of its caseload, one read every few seconds. */
  private static void work(
      StaffSession session,
      DemoAccount advisor,
      AtomicBoolean working,
      AtomicInteger reads,
      AtomicInteger refusals,
      PrintStream out) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    List<UUID> today = advisor.caseload().subList(0, Math.min(6, advisor.caseload().size()));
    while (working.get()) {
      UUID person = today.get(random.nextInt(today.size()));
      StaffSession.Answer read = session.get("/api/persons/" + person);
      reads.incrementAndGet();
      if (!read.ok()) {
        refusals.incrementAndGet();
      }
      say(out, "  %s reads a person of its caseload: %d", advisor.login(), read.status());
      try {
        Thread.sleep(Duration.ofMillis(random.nextLong(6_000, 12_000)));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The usurped account, signed in from elsewhere, reads its caseload as fast as it can. */
  private Outcome attack(String base, DemoAccount usurped, String organization, PrintStream out) {
    say(
        out,
        "ATTACK: %s is signed in from an unknown device and reads its caseload at full speed",
        usurped.login());
    StaffSession attacker = signIn(base, usurped.login(), givePassword(usurped.id()));
    long first = 0;
    int persons = 0;
    StaffSession.Answer last = null;
    for (UUID person : usurped.caseload()) {
      long now = System.nanoTime();
      first = first == 0 ? now : first;
      last = attacker.get("/api/persons/" + person);
      if (!last.ok()) {
        break;
      }
      persons++;
    }
    long containedMillis = (System.nanoTime() - first) / 1_000_000;
    if (last == null || last.ok()) {
      say(out, "ATTACK: the caseload ran out before any cut (%d persons)", persons);
      return new Outcome(persons, -1, 0, 0, false);
    }
    say(
        out,
        "ATTACK CUT: %d persons left before the cut, %d ms after its first read; refused with %d %s",
        persons,
        containedMillis,
        last.status(),
        code(last.body()));
    StaffSession.Answer next = attacker.get("/api/persons/" + usurped.caseload().getFirst());
    say(out, "ATTACK: its session's next request gets %d: the session is gone", next.status());
    boolean listed = showAlert(base, usurped, organization, out);
    return new Outcome(persons, containedMillis, 0, 0, listed);
  }

  /** A security analyst signs in and lists the open alerts; prints the attacker's. */
  private boolean showAlert(
      String base, DemoAccount usurped, String organization, PrintStream out) {
    String login = "demo-analyst-" + HexFormat.of().formatHex(random(4));
    organizations.registerAccounts(
        List.of(new Organizations.NewAccount(login, organization, Role.SECURITY_ANALYST)));
    UUID id = credentials.accountId(login).orElseThrow();
    StaffSession analyst = signIn(base, login, givePassword(id));
    StaffSession.Answer alerts = analyst.get("/api/alerts");
    JsonNode alert = null;
    if (alerts.ok()) {
      for (JsonNode candidate : JSON.readTree(alerts.body())) {
        if (candidate.path("account").path("value").asString().equals(usurped.id().toString())) {
          alert = candidate;
          break;
        }
      }
    }
    if (alert == null) {
      say(out, "ANALYST: no alert for %s (status %d)", usurped.login(), alerts.status());
      return false;
    }
    List<String> reasons = new ArrayList<>();
    alert
        .path("reasons")
        .forEach(
            r ->
                reasons.add(
                    r.path("detector").asString() + " (" + r.path("reason").asString() + ")"));
    say(
        out,
        "ANALYST: GET /api/alerts lists alert %s for %s: %s; persons touched listed: %d",
        alert.path("id").asString(),
        usurped.login(),
        String.join("; ", reasons),
        alert.path("touched").size());
    return true;
  }

  /** The {@code code} of a problem detail, or nothing. */
  private static String code(String problem) {
    try {
      return JSON.readTree(problem).path("code").asString("");
    } catch (JacksonException e) {
      return "";
    }
  }

  /**
   * Agency advisors of one organization that never signed in, each with a caseload of at least 30,
   * the last one with the largest caseload: it plays the usurped account.
   */
  private List<DemoAccount> pick(int count) {
    List<UUID> ids =
        jdbc.queryForList(
            "select a.id from staff_account a join organization o on o.id = a.organization_id"
                + " where a.role = 'ADVISOR' and o.kind = 'FRANCE_TRAVAIL_AGENCY'"
                + " and a.password_hash is null and a.totp_confirmed_at is null"
                + " and (select count(*) from caseload c where c.advisor_id = a.id) >= 30"
                + " and a.organization_id = (select a2.organization_id from staff_account a2"
                + "   join organization o2 on o2.id = a2.organization_id"
                + "   where a2.role = 'ADVISOR' and o2.kind = 'FRANCE_TRAVAIL_AGENCY'"
                + "   and a2.password_hash is null"
                + "   group by a2.organization_id having count(*) >= ? order by count(*) desc limit 1)"
                + " order by (select count(*) from caseload c where c.advisor_id = a.id), a.login"
                + " limit ?",
            UUID.class,
            count,
            count);
    if (ids.size() < count) {
      throw new IllegalStateException(
          "the demo agency has no organization with "
              + count
              + " advisors that never signed in: start from a fresh data directory, or ask for"
              + " fewer advisors");
    }
    List<DemoAccount> accounts = new ArrayList<>();
    for (UUID id : ids) {
      String login =
          jdbc.queryForObject("select login from staff_account where id = ?", String.class, id);
      String organization =
          jdbc.queryForObject(
              "select o.code from staff_account a join organization o on o.id = a.organization_id where a.id = ?",
              String.class,
              id);
      List<UUID> caseload =
          jdbc.queryForList(
              "select person_id from caseload where advisor_id = ? order by person_id",
              UUID.class,
              id);
      accounts.add(new DemoAccount(id, login, organization, caseload));
    }
    return accounts;
  }

  private String givePassword(UUID account) {
    String password = HexFormat.of().formatHex(random(16));
    credentials.setPassword(account, password);
    return password;
  }

  private static byte[] random(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return random;
  }

  private static void say(PrintStream out, String format, Object... arguments) {
    synchronized (out) {
      out.println(
          LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + String.format(format, arguments));
      out.flush();
    }
  }
}
