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
import fr.vigie.registry.PersonId;
import fr.vigie.registry.Registry;
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
  private final InMemoryExecutor.Listener listener;
  private final AccountId analyst;
  private final Map<Long, PersonId> persons = new HashMap<>();
  private final Map<Integer, UUID> accountIds = new HashMap<>();
  private final Map<Integer, StaffSession.Authenticator> authenticators = new HashMap<>();
  private final Map<String, StaffSession> sessions = new HashMap<>();
  private final Map<Integer, ContainmentState> known = new HashMap<>();
  private long requests;

  /**
   * Loads {@code agency} into the server behind {@code context}: organizations, advisors, persons
   * through the real import, caseloads, referrals, the appointments of {@code days} days from
   * {@code calendar}'s first, and a security analyst who releases accounts.
   */
  ServerExecutor(
      ApplicationContext context,
      int port,
      SyntheticAgency agency,
      Register register,
      SimulatedCalendar calendar,
      InMemoryExecutor.Listener listener) {
    this.base = "http://127.0.0.1:" + port;
    this.agency = requireNonNull(agency, "agency is null");
    this.clock = (SimulatedClock) context.getBean(Clock.class);
    this.jdbc = context.getBean(JdbcTemplate.class);
    this.registry = context.getBean(Registry.class);
    this.credentials = context.getBean(Credentials.class);
    this.watch = context.getBean(AccessWatch.class);
    this.listener = requireNonNull(listener, "listener is null");
    context.getBean(DemoAgency.class).load(agency);
    scheduleAppointments(context.getBean(Caseloads.class), register, calendar);
    String organization = agency.organizations().getFirst().code();
    context
        .getBean(Organizations.class)
        .registerAccounts(
            List.of(
                new Organizations.NewAccount(
                    "simulated-analyst", organization, Role.SECURITY_ANALYST)));
    this.analyst = new AccountId(credentials.accountId("simulated-analyst").orElseThrow());
  }

  /** The appointments the behaviours assume, in the server's appointment book. */
  private void scheduleAppointments(
      Caseloads caseloads, Register register, SimulatedCalendar calendar) {
    ZoneId zone = calendar.zone();
    List<Caseloads.Appointment> book = new ArrayList<>();
    for (int week = 0; week * 7 < calendar.days(); week++) {
      LocalDate monday = calendar.date(week * 7).with(DayOfWeek.MONDAY);
      for (SyntheticAdvisor advisor : agency.advisors()) {
        for (long p = advisor.firstPerson();
            p < advisor.firstPerson() + advisor.caseloadSize();
            p++) {
          int day = register.appointmentDay(p, monday, advisor.caseload());
          if (day > 0) {
            PersonId person = personId(p);
            if (person != null) {
              Instant at =
                  monday.plusDays(day - 1L).atTime(LocalTime.of(10, 0)).atZone(zone).toInstant();
              book.add(new Caseloads.Appointment(person, advisor.login(), at));
            }
          }
        }
        if (book.size() >= 10_000) {
          caseloads.schedule(book);
          book.clear();
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
    clock.set(access.at());
    StaffSession session = session(account, access);
    Outcome outcome = outcome(send(session, access));
    if (outcome == Outcome.SUSPENDED) {
      // The session is gone with the suspension; a release later needs a new sign-in.
      sessions.remove(key(account, access.device()));
    }
    settle(account, access.at(), outcome);
    return outcome;
  }

  @Override
  public void stepUp(SimulatedAccount account, Instant at) {
    clock.set(at);
    for (Map.Entry<String, StaffSession> open : sessions.entrySet()) {
      if (open.getKey().startsWith(account.index() + "|")) {
        requests++;
        open.getValue().stepUp();
      }
    }
    settle(account, at, Outcome.DISCLOSED);
  }

  /** A security analyst releases the account: its open alerts are closed as false alarms. */
  void release(SimulatedAccount account) {
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
    return switch (access.action()) {
      case SEARCH -> session.post("/api/persons/search", search(access.person()));
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

  private static final String JUSTIFICATION =
      "{\"reason\":\"PERSON_CONTACTED_AGENCY\",\"text\":\"simulated\"}";

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
   * Waits for the detectors, then tells the listener what the server now holds: a rise of the
   * account's containment, a ceiling's refusal.
   */
  private void settle(SimulatedAccount account, Instant at, Outcome outcome) {
    try {
      if (!watch.drain(DRAIN)) {
        throw new IllegalStateException("the detectors did not catch up within " + DRAIN);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (outcome == Outcome.REFUSED) {
      listener.refused(account, at);
    }
    ContainmentState now =
        ContainmentState.valueOf(
            jdbc.queryForObject(
                "select containment from staff_account where id = ?",
                String.class,
                accountId(account)));
    ContainmentState before = known.getOrDefault(account.index(), ContainmentState.ACTIVE);
    known.put(account.index(), now);
    if (now.compareTo(before) > 0) {
      listener.raised(account, now, at);
    }
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
              return StaffSession.signIn(
                  base, account.advisor().login(), PASSWORD, authenticator, address);
            });
    session.from(address);
    return session;
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
