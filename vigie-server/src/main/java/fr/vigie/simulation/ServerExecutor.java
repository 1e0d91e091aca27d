package fr.vigie.simulation;

import static java.util.Objects.requireNonNull;

import fr.vigie.SimulatedClock;
import fr.vigie.access.Caseloads;
import fr.vigie.detection.AccessWatch;
import fr.vigie.detection.Alert;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.Credentials;
import fr.vigie.identity.Organizations;
import fr.vigie.identity.Role;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.ImportReport;
import fr.vigie.registry.PersonId;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.Registry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Carries out simulated accesses against a whole running Vigie over HTTP: sign-in with a password
 * and TOTP, session and CSRF cookies, the guard, the policy, the ceilings, decryption, the audit
 * log in PostgreSQL, and the detectors behind the bus. The server's clock is the simulation's
 * ({@code vigie.clock.simulated}); each device of an account is a browser of its own, and each
 * network comes through {@code X-Forwarded-For} as from a reverse proxy. After each access it waits
 * for the detectors to catch up, as they would in the real time between two requests, and reads the
 * account's containment where the guard reads it. Not thread-safe: one simulation drives it.
 */
final class ServerExecutor implements AccessExecutor {
  private static final String PASSWORD = "simulated advisors all share this one";
  private static final Duration DRAIN = Duration.ofSeconds(30);

  private final String base;
  private final SyntheticAgency agency;
  private final SimulatedClock clock;
  private final JdbcTemplate jdbc;
  private final Registry registry;
  private final Credentials credentials;
  private final AccessWatch watch;
  private final ContainmentListener listener;
  private final Register register;
  private final Caseloads caseloads;
  private final java.util.Set<LocalDate> scheduledWeeks = new java.util.HashSet<>();
  private final AccountId analyst;
  private final Map<Long, PersonId> persons = new HashMap<>();
  private final Map<Integer, UUID> accountIds = new HashMap<>();
  private final Map<Integer, StaffSession.Authenticator> authenticators = new HashMap<>();
  private final Map<String, StaffSession> sessions = new HashMap<>();
  private final Map<Integer, ContainmentState> known = new HashMap<>();
  private final java.util.Set<String> sharedEmails = new java.util.HashSet<>();
  private long heardBefore;
  private UUID partner;
  private long requests;

  /**
   * Loads {@code agency} into the server behind {@code context}: organizations, advisors, persons
   * through the real import, caseloads, referrals, and a security analyst who releases accounts.
   * Appointments are booked week by week as the simulation reaches them.
   */
  ServerExecutor(
      ApplicationContext context, int port, SyntheticAgency agency, ContainmentListener listener) {
    this.base = "http://127.0.0.1:" + port;
    this.agency = requireNonNull(agency, "agency is null");
    this.register = new Register(agency);
    this.clock = (SimulatedClock) context.getBean(Clock.class);
    this.jdbc = context.getBean(JdbcTemplate.class);
    this.registry = context.getBean(Registry.class);
    this.credentials = context.getBean(Credentials.class);
    this.watch = context.getBean(AccessWatch.class);
    this.caseloads = context.getBean(Caseloads.class);
    this.listener = requireNonNull(listener, "listener is null");
    context.getBean(DemoAgency.class).load(agency);
    String organization = agency.organizations().getFirst().code();
    context
        .getBean(Organizations.class)
        .registerAccounts(
            List.of(
                new Organizations.NewAccount(
                    "simulated-analyst", organization, Role.SECURITY_ANALYST)));
    this.analyst = new AccountId(credentials.accountId("simulated-analyst").orElseThrow());
  }

  /** Executors over HTTP against the server behind {@code context}, one agency after another. */
  static ExecutorFactory factory(ApplicationContext context, int port) {
    return (agency, listener) -> new ServerExecutor(context, port, agency, listener);
  }

  /** A factory that adds up the HTTP requests of the executors it made. */
  static final class Counted implements ExecutorFactory {
    private final ExecutorFactory made;
    private final List<ServerExecutor> executors = new ArrayList<>();

    private Counted(ExecutorFactory made) {
      this.made = made;
    }

    @Override
    public AccessExecutor create(SyntheticAgency agency, ContainmentListener listener) {
      AccessExecutor executor = made.create(agency, listener);
      executors.add((ServerExecutor) executor);
      return executor;
    }

    long requests() {
      return executors.stream().mapToLong(ServerExecutor::requests).sum();
    }
  }

  static Counted counted(ExecutorFactory factory) {
    return new Counted(factory);
  }

  /** The appointments of the week of {@code at} the behaviours assume, in the appointment book. */
  private void bookWeekOf(Instant at) {
    ZoneId zone = ZoneId.of("Europe/Paris");
    LocalDate monday = at.atZone(zone).toLocalDate().with(DayOfWeek.MONDAY);
    if (!scheduledWeeks.add(monday)) {
      return;
    }
    List<Caseloads.Appointment> book = new ArrayList<>();
    for (SyntheticAdvisor advisor : agency.advisors()) {
      for (long p = advisor.firstPerson();
          p < advisor.firstPerson() + advisor.caseloadSize();
          p++) {
        int day = register.appointmentDay(p, monday, advisor.caseload());
        PersonId person = day > 0 ? personId(p) : null;
        if (person != null) {
          Instant when =
              monday.plusDays(day - 1L).atTime(LocalTime.of(10, 0)).atZone(zone).toInstant();
          book.add(new Caseloads.Appointment(person, advisor.login(), when));
        }
      }
    }
    caseloads.schedule(book);
  }

  /** HTTP requests sent, sign-ins included. */
  long requests() {
    return requests;
  }

  @Override
  public Outcome execute(SimulatedAccount account, SimulatedAccess access) {
    bookWeekOf(access.at());
    clock.set(access.at());
    StaffSession session;
    try {
      session = session(account, access);
    } catch (IllegalStateException e) {
      if (stored(account) != ContainmentState.SUSPENDED) {
        throw e;
      }
      // A suspended account cannot even sign in: the guard ends every new session too.
      settle(account, access.at(), Outcome.SUSPENDED, null);
      return Outcome.SUSPENDED;
    }
    // The bus was drained after the last access: what the detectors heard so far is all of it.
    heardBefore = watch.refusalsObserved(new AccountId(accountId(account)));
    StaffSession.Answer answer = send(session, access);
    Outcome outcome = outcome(answer);
    if (outcome == Outcome.SUSPENDED) {
      // The session is gone with the suspension; a release later needs a new sign-in.
      sessions.remove(key(account, access.device()));
    }
    String ceiling = outcome == Outcome.REFUSED ? refusedBy(account, access.at(), answer) : null;
    settle(account, access.at(), outcome, ceiling);
    return outcome;
  }

  @Override
  public void stepUp(SimulatedAccount account, SimulatedAccess asked) {
    clock.set(asked.at());
    StaffSession session = sessions.get(key(account, asked.device()));
    if (session != null) {
      requests++;
      whenReady(account, authenticators.get(account.index()), session::stepUp);
    }
    settle(account, asked.at(), Outcome.DISCLOSED, null);
  }

  /**
   * A helpdesk recovery goes through a manager's approval or a mailed code and a new enrollment:
   * the run through the server leaves out the scenarios that begin with one.
   */
  @Override
  public void recovered(SimulatedAccount account, Instant at) {
    throw new UnsupportedOperationException(
        "the run through the server does not play helpdesk recoveries: leave out such scenarios");
  }

  /** A security analyst releases the account: its open alerts are closed as false alarms. */
  @Override
  public void release(SimulatedAccount account, Instant at) {
    clock.set(at);
    UUID id = accountId(account);
    for (Alert alert : watch.openAlerts(500)) {
      if (alert.account().value().equals(id)) {
        watch.release(alert.id(), analyst);
        break;
      }
    }
    known.put(account.index(), ContainmentState.ACTIVE);
  }

  private StaffSession.Answer send(StaffSession session, SimulatedAccess access) {
    requests++;
    PersonId person = access.person() >= 0 ? personId(access.person()) : null;
    if (access.referral()) {
      return session.post(
          "/api/persons/" + person.value() + "/referrals",
          "{\"organization\":\"" + partner() + "\"}");
    }
    if (access.timeBoxed() && person != null) {
      listFor(session.login(), person, access.at());
    }
    return switch (access.action()) {
      case SEARCH ->
          session.post(
              "/api/persons/search",
              access.sharing() > 1 ? sharedSearch(access) : search(access.person()));
      case UPDATE ->
          session.patch(
              "/api/persons/" + person.value(),
              "{\"purpose\":\"FOLLOW_UP\",\"changes\":{\"phone\":\"06 00 00 00 00\"}"
                  + (access.justified() ? ",\"justification\":" + JUSTIFICATION : "")
                  + "}");
      default ->
          access.justified()
              ? session.post(
                  "/api/persons/" + person.value() + "/read",
                  "{\"purpose\":\"FOLLOW_UP\",\"justification\":" + JUSTIFICATION + "}")
              : session.get("/api/persons/" + person.value());
    };
  }

  /**
   * The manager's list (a collective session, a colleague's appointments while covering) holding
   * the person for the advisor's day, written as {@code POST /api/relationships} would (managers
   * are not simulated; the analyst stands in as the grantor).
   */
  private void listFor(String login, PersonId person, Instant at) {
    LocalDate day = at.atZone(ZoneId.of("Europe/Paris")).toLocalDate();
    Instant from = day.atStartOfDay(ZoneId.of("Europe/Paris")).toInstant();
    jdbc.update(
        "insert into time_boxed_relationship (grant_id, kind, advisor_id, person_id, starts_at,"
            + " ends_at, granted_by, granted_at) select ?, 'SESSION', a.id, ?, ?, ?, ?, ?"
            + " from staff_account a where a.login = ?",
        UUID.randomUUID(),
        person.value(),
        java.sql.Timestamp.from(from),
        java.sql.Timestamp.from(from.plus(java.time.Duration.ofDays(1))),
        analyst.value(),
        java.sql.Timestamp.from(at),
        login);
  }

  private static final String JUSTIFICATION =
      "{\"reason\":\"PERSON_CONTACTED_AGENCY\",\"text\":\"simulated\"}";

  /**
   * A search by the email {@code access.sharing()} persons share, from {@code access.person()} on:
   * a shelter's, which the register holds for each person it houses. Before the first such search
   * the register learns it through the real import (the persons' records again, with that email),
   * as a file from the agency's information system would bring it: no access of any account.
   */
  private String sharedSearch(SimulatedAccess access) {
    String email = "accueil." + access.person() + "@ccas.exemple.fr";
    if (sharedEmails.add(email)) {
      List<PersonRecord> housed =
          java.util.stream.LongStream.range(access.person(), access.person() + access.sharing())
              // Persons past the retention period were refused by the first import too.
              .filter(person -> personId(person) != null)
              .mapToObj(person -> agency.person(person).withEmail(email))
              .toList();
      ImportReport report =
          registry.importRecords(
              housed.iterator(), housed.size(), ImportOptions.defaults(), ImportProgress.NONE);
      if (report.updated() != housed.size()) {
        throw new IllegalStateException(
            "the import gave the shared email to "
                + report.updated()
                + " of "
                + housed.size()
                + " persons");
      }
    }
    return "{\"criterion\":\"EMAIL_EXACT\",\"value\":\"" + email + "\",\"purpose\":\"FOLLOW_UP\"}";
  }

  /** A search by France Travail identifier; for nobody, one that no person has. */
  private String search(long person) {
    String identifier =
        person >= 0
            ? agency.person(person).identifier().value()
            : String.format(Locale.ROOT, "%011d", 99_000_000_000L + requests % 1_000_000_000L);
    return "{\"criterion\":\"IDENTIFIER_EXACT\",\"value\":\""
        + identifier
        + "\",\"purpose\":\"FOLLOW_UP\"}";
  }

  private static Outcome outcome(StaffSession.Answer answer) {
    if (answer.status() == 200 && answer.body().trim().equals("[]")) {
      return Outcome.NOTHING_FOUND;
    }
    if (answer.ok()) {
      return Outcome.DISCLOSED;
    }
    if (answer.status() == 401) {
      return Outcome.SUSPENDED;
    }
    String body = answer.body();
    if (body.contains("\"STEP_UP_REQUIRED\"")) {
      return Outcome.STEP_UP;
    }
    if (body.contains("\"ACCOUNT_THROTTLED\"")) {
      return Outcome.THROTTLED;
    }
    if (body.contains("\"CEILING_REACHED\"")) {
      return Outcome.REFUSED;
    }
    if (body.contains("\"ACCOUNT_SUSPENDED\"")) {
      return Outcome.SUSPENDED;
    }
    if (answer.status() == 403) {
      return Outcome.DENIED;
    }
    throw new IllegalStateException(
        "the server answered " + answer.status() + " to a simulated access");
  }

  /**
   * The ceiling that refused {@code account}'s access at {@code at}, as the server told it: 429,
   * and the refusal's entry in the audit log ({@code CEILING.} and the ceiling's name). A refusal
   * that answered otherwise or left no entry stops the run: once, every one of them did.
   */
  private String refusedBy(SimulatedAccount account, Instant at, StaffSession.Answer answer) {
    if (answer.status() != 429) {
      throw new IllegalStateException("a ceiling's refusal answered " + answer.status());
    }
    List<byte[]> entries =
        jdbc.query(
            "select entry from audit_entry where at >= ?"
                + " and position(convert_to(?, 'UTF8') in entry) > 0"
                + " and position(convert_to(?, 'UTF8') in entry) > 0 order by idx desc limit 1",
            (row, i) -> row.getBytes(1),
            java.sql.Timestamp.from(at.minusMillis(1)),
            accountId(account).toString(),
            CEILING);
    if (entries.isEmpty()) {
      throw new IllegalStateException(
          "a ceiling refused account "
              + account.index()
              + " at "
              + at
              + " and the audit has no entry");
    }
    return ceilingName(new String(entries.getFirst(), StandardCharsets.ISO_8859_1));
  }

  private static final String CEILING = "CEILING.";

  /** The name after {@code CEILING.} in an entry's bytes: upper case letters and dashes. */
  static String ceilingName(String entry) {
    int start = entry.indexOf(CEILING) + CEILING.length();
    int end = start;
    while (end < entry.length()
        && (Character.isUpperCase(entry.charAt(end)) || entry.charAt(end) == '-')) {
      end++;
    }
    return entry.substring(start, end).toLowerCase(Locale.ROOT);
  }

  /** The partner organization the attacks refer persons to, by its id in the server. */
  private UUID partner() {
    if (partner == null) {
      partner =
          jdbc.queryForObject(
              "select id from organization where code = ?", UUID.class, register.partner().code());
    }
    return partner;
  }

  /**
   * Waits for the detectors, then tells the listener what the server now holds: a rise of the
   * account's containment, a ceiling's refusal (which the detectors must have heard).
   */
  private void settle(SimulatedAccount account, Instant at, Outcome outcome, String ceiling) {
    try {
      if (!watch.drain(DRAIN)) {
        throw new IllegalStateException("the detectors did not catch up within " + DRAIN);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (outcome == Outcome.REFUSED) {
      long heard = watch.refusalsObserved(new AccountId(accountId(account)));
      if (heard <= heardBefore) {
        throw new IllegalStateException(
            "a ceiling refused account " + account.index() + " and the detectors did not hear it");
      }
      listener.refused(account, at, ceiling);
    }
    ContainmentState now = stored(account);
    ContainmentState before = known.getOrDefault(account.index(), ContainmentState.ACTIVE);
    known.put(account.index(), now);
    if (now.compareTo(before) > 0) {
      listener.raised(account, now, at, detectorsOf(account));
    }
  }

  /** The account's containment where the guard reads it. */
  private ContainmentState stored(SimulatedAccount account) {
    return ContainmentState.valueOf(
        jdbc.queryForObject(
            "select containment from staff_account where id = ?",
            String.class,
            accountId(account)));
  }

  /** The detectors behind the account's newest open alert. */
  private List<String> detectorsOf(SimulatedAccount account) {
    UUID id = accountId(account);
    return watch.openAlerts(500).stream()
        .filter(alert -> alert.account().value().equals(id))
        .findFirst()
        .map(alert -> alert.reasons().stream().map(fr.vigie.detection.Signal::detector).toList())
        .orElse(List.of());
  }

  private StaffSession session(SimulatedAccount account, SimulatedAccess access) {
    String address = address(access.address());
    StaffSession session =
        sessions.computeIfAbsent(
            key(account, access.device()),
            k -> {
              requests += 3;
              StaffSession.Authenticator authenticator = authenticators.get(account.index());
              if (authenticator == null) {
                credentials.setPassword(accountId(account), PASSWORD);
                StaffSession first =
                    StaffSession.firstSignIn(
                        base, account.advisor().login(), PASSWORD, clock, address);
                authenticators.put(account.index(), first.authenticator());
                return first;
              }
              return whenReady(
                  account,
                  authenticator,
                  () ->
                      StaffSession.signIn(
                          base, account.advisor().login(), PASSWORD, authenticator, address));
            });
    session.from(address);
    return session;
  }

  /**
   * Runs a sign-in or a step-up when the account's authenticator has a code the server accepts: the
   * server takes each code once, so a second device signing in within the same 30 seconds of
   * simulated time waits for the next step (the clock goes back to the access's time after).
   */
  private <T> T whenReady(
      SimulatedAccount account, StaffSession.Authenticator authenticator, Supplier<T> step) {
    Instant at = clock.instant();
    Instant ready = authenticator == null ? at : authenticator.readyAt();
    if (ready.isAfter(at)) {
      clock.set(ready);
    }
    try {
      return step.get();
    } finally {
      clock.set(at);
    }
  }

  private static String key(SimulatedAccount account, String device) {
    return account.index() + "|" + device;
  }

  /** A /24 network for each of the simulation's network tokens, stable within a run. */
  private static String address(String token) {
    int h = token.hashCode();
    return "10." + ((h >>> 16) & 0xff) + "." + ((h >>> 8) & 0xff) + "." + (1 + (h & 0x7f));
  }

  private UUID accountId(SimulatedAccount account) {
    return accountIds.computeIfAbsent(
        account.index(), i -> credentials.accountId(account.advisor().login()).orElseThrow());
  }

  private PersonId personId(long index) {
    return persons.computeIfAbsent(
        index, i -> registry.findByIdentifier(agency.person(i).identifier()).orElse(null));
  }
}
