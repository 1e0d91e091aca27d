package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.VigieApplication;
import fr.vigie.detection.AccessWatch;
import fr.vigie.detection.Alert;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.Registry;
import fr.vigie.testing.TestDatabase;
import fr.vigie.testing.TestingClock;
import fr.vigie.web.TestPersons;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes of Vigie, two Spring applications each on its own port, on one PostgreSQL and one key
 * directory, as behind a load balancer without sticky sessions: an account's ceilings count the
 * same whichever node serves it, and a suspension on one node ends its sessions on the other at
 * their next request.
 */
class TwoNodesIT {
  private static final String PASSWORD = "correct horse battery staple";

  /** One time for both nodes, as NTP gives real ones: Monday 10:00 in Paris, working hours. */
  private static final TestingClock CLOCK = new TestingClock(Instant.parse("2026-03-02T09:00:00Z"));

  @TempDir static Path data;

  private static HikariDataSource database;
  private static GreenMail mail;
  private static ConfigurableApplicationContext nodeA;
  private static ConfigurableApplicationContext nodeB;

  @BeforeAll
  static void twoNodes() {
    database = TestDatabase.newDatabase();
    mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
    nodeA = node();
    nodeB = node();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable closing : new AutoCloseable[] {nodeB, nodeA, database}) {
      try {
        if (closing != null) {
          closing.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    if (mail != null) {
      mail.stop();
    }
  }

  private static ConfigurableApplicationContext node() {
    // Arguments, not default properties: they must win over application.properties.
    List<String> arguments =
        new ArrayList<>(List.of(TestDatabase.applicationArguments(database, "--")));
    arguments.addAll(
        List.of(
            "--server.port=0",
            "--management.server.port=0",
            "--vigie.data-dir=" + data,
            "--vigie.demo.enabled=false",
            "--vigie.sign-in.rate-limit.capacity=100000",
            "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + mail.getSmtp().getPort(),
            "--spring.main.banner-mode=off"));
    return new SpringApplicationBuilder(VigieApplication.class, SharedClock.class)
        .run(arguments.toArray(String[]::new));
  }

  @Test
  void readsAlternatingBetweenNodes_meetTheBurstCeilingAtTheSameReadAsOnOneNode() {
    Agency alternating = agency(11);
    Agency single = agency(11);
    StaffClient onA = signedIn(nodeA, alternating.advisor());
    StaffClient onB = signedIn(nodeB, alternating.advisor());
    StaffClient alone = signedIn(nodeA, single.advisor());

    int alternatingStop = firstRefusal(List.of(onA, onB), alternating.caseload());
    int singleStop = firstRefusal(List.of(alone), single.caseload());

    assertThat(singleStop).as("the burst ceiling's 10 persons a minute, on one node").isEqualTo(10);
    assertThat(alternatingStop).as("the same, reading through both nodes").isEqualTo(singleStop);
    assertThat(containment(alternating.advisor())).isEqualTo("SUSPENDED");
  }

  @Test
  void suspensionOnNodeA_endsTheSessionOnNodeB_atItsNextRequest() {
    Agency agency = agency(11);
    StaffClient onA = signedIn(nodeA, agency.advisor());
    StaffClient onB = signedIn(nodeB, agency.advisor());
    assertThat(onB.get("/api/persons/" + agency.caseload().get(0)).status()).isEqualTo(200);

    assertThat(firstRefusal(List.of(onA), agency.caseload())).isEqualTo(10);
    StaffClient.Answer next = onB.get("/api/persons/" + agency.caseload().get(1));

    assertThat(next.status()).isEqualTo(401);
    assertThat(next.body()).doesNotContain("Testnom");
    assertThat(onB.get("/api/persons/" + agency.caseload().get(0)).status())
        .as("the session stays ended")
        .isEqualTo(401);
    assertThat(containment(agency.advisor())).isEqualTo("SUSPENDED");
  }

  @Test
  void releaseOnNodeB_reachesTheDetectorsOfNodeA_whichServeTheAccountAgain()
      throws InterruptedException {
    Agency agency = agency(11);
    AccountId advisor = new AccountId(UUID.fromString(agency.advisor().id()));
    StaffClient onA = signedIn(nodeA, agency.advisor());
    assertThat(firstRefusal(List.of(onA), agency.caseload())).isEqualTo(10);
    AccessWatch detectorsA = nodeA.getBean(AccessWatch.class);
    assertThat(detectorsA.detectorsState(advisor)).isEqualTo(ContainmentState.SUSPENDED);

    AccessWatch detectorsB = nodeB.getBean(AccessWatch.class);
    Alert alert =
        detectorsB.openAlerts(500).stream()
            .filter(open -> open.account().equals(advisor))
            .findFirst()
            .orElseThrow();
    detectorsB.release(alert.id(), nationalAnalyst());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (detectorsA.detectorsState(advisor) != ContainmentState.ACTIVE
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    assertThat(detectorsA.detectorsState(advisor))
        .as("node A's detectors, told of the release on node B")
        .isEqualTo(ContainmentState.ACTIVE);
    StaffClient again = signedIn(nodeA, agency.advisor());
    StaffClient.Answer read = again.get("/api/persons/" + agency.caseload().get(0));
    assertThat(read.status()).as("a read on node A after the release").isEqualTo(200);
    assertThat(containment(agency.advisor())).isEqualTo("ACTIVE");
  }

  /** A security analyst of France Travail, who decides about every organization's accounts. */
  private static AccountId nationalAnalyst() {
    String login = newAccount(newAgency(), "analyst-", Role.SECURITY_ANALYST);
    return new AccountId(nodeA.getBean(Credentials.class).accountId(login).orElseThrow());
  }

  /** A new France Travail agency, made on node A; its code. */
  private static String newAgency() {
    String code = "FT-" + UUID.randomUUID();
    nodeA
        .getBean(Organizations.class)
        .registerOrganizations(
            List.of(
                new Organizations.NewOrganization(
                    code, OrganizationKind.FRANCE_TRAVAIL_AGENCY, "Agence de test")));
    return code;
  }

  /** A new account of {@code role} in the organization {@code code}; its login. */
  private static String newAccount(String code, String loginPrefix, Role role) {
    String login = loginPrefix + UUID.randomUUID();
    nodeA
        .getBean(Organizations.class)
        .registerAccounts(List.of(new Organizations.NewAccount(login, code, role)));
    return login;
  }

  /**
   * Reads the caseload in turn, each read through the next client, and returns the index of the
   * first read that was refused, which must be a suspension; -1 if none was.
   */
  private static int firstRefusal(List<StaffClient> clients, List<String> caseload) {
    for (int n = 0; n < caseload.size(); n++) {
      StaffClient.Answer read =
          clients.get(n % clients.size()).get("/api/persons/" + caseload.get(n));
      if (read.status() != 200) {
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.json().get("code").asString()).isEqualTo("ACCOUNT_SUSPENDED");
        return n;
      }
    }
    return -1;
  }

  private record Advisor(String id, String login) {}

  private record Agency(Advisor advisor, List<String> caseload) {}

  /** A France Travail agency with one advisor following {@code persons} persons, made on node A. */
  private static Agency agency(int persons) {
    String code = newAgency();
    String login = newAccount(code, "advisor-", Role.ADVISOR);
    Credentials credentials = nodeA.getBean(Credentials.class);
    UUID id = credentials.accountId(login).orElseThrow();
    credentials.setPassword(id, PASSWORD);
    Registry registry = nodeA.getBean(Registry.class);
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    List<PersonRecord> rows = new ArrayList<>();
    for (int n = 0; n < persons; n++) {
      rows.add(TestPersons.person(base + n, code));
    }
    registry.importRecords(
        rows.iterator(), rows.size(), ImportOptions.defaults(), ImportProgress.NONE);
    JdbcTemplate jdbc = nodeA.getBean(JdbcTemplate.class);
    List<String> caseload = new ArrayList<>();
    for (PersonRecord row : rows) {
      String person = registry.findByIdentifier(row.identifier()).orElseThrow().toString();
      caseload.add(person);
      jdbc.update("insert into caseload (advisor_id, person_id) values (?, ?::uuid)", id, person);
    }
    return new Agency(new Advisor(id.toString(), login), caseload);
  }

  /**
   * Signs in on {@code node} with the password and a TOTP code, enrolling the seed the first time.
   */
  private static StaffClient signedIn(ConfigurableApplicationContext node, Advisor advisor) {
    StaffClient client = new StaffClient("http://localhost:" + port(node));
    assertThat(client.signIn(advisor.login(), PASSWORD).status()).isEqualTo(200);
    byte[] seed = SEEDS.get(advisor.id());
    if (seed == null) {
      StaffClient.Answer enrollment = client.post("/api/me/totp", Map.of());
      assertThat(enrollment.status()).isEqualTo(200);
      seed = IdentityIntegrationTest.seedOf(enrollment.json().get("uri").asString());
      assertThat(client.post("/api/me/totp/confirmation", Map.of("code", code(seed))).status())
          .isEqualTo(200);
      SEEDS.put(advisor.id(), seed);
    } else {
      assertThat(client.post("/api/session/totp", Map.of("code", code(seed))).status())
          .isEqualTo(200);
    }
    // Each code is taken once: the next sign-in needs the next time step.
    CLOCK.advance(Duration.ofSeconds(TotpCodes.STEP_SECONDS));
    return client;
  }

  private static final Map<String, byte[]> SEEDS = new java.util.concurrent.ConcurrentHashMap<>();

  private static String code(byte[] seed) {
    return TotpCodes.code(seed, TotpCodes.step(CLOCK.instant()), TotpCodes.DIGITS);
  }

  private static int port(ConfigurableApplicationContext node) {
    return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
  }

  private static String containment(Advisor advisor) {
    return nodeA
        .getBean(JdbcTemplate.class)
        .queryForObject(
            "select containment from staff_account where id = ?::uuid", String.class, advisor.id());
  }

  /** The one clock of both nodes. */
  @TestConfiguration(proxyBeanMethods = false)
  static class SharedClock {
    @Bean
    @Primary
    Clock sharedClock() {
      return CLOCK;
    }
  }
}
