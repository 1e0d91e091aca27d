package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.testing.TestDatabase;
import fr.vigie.testing.TestingClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The whole application on a real PostgreSQL, shared by the identity integration tests (one Spring
 * context for all of them): a clock the tests move, and probe endpoints where another feature's
 * controllers would be.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vigie.sign-in.rate-limit.capacity=100000",
      "vigie.space.rate-limit.address-capacity=100000",
      "vigie.audit.rate-limit.capacity=5",
      "vigie.audit.rate-limit.refill-period=PT10S",
      "vigie.demo.enabled=false"
    })
@Import(IdentityIntegrationTest.Probes.class)
public abstract class IdentityIntegrationTest {
  /**
   * The database of each Spring context, by its address. A context has a database of its own: the
   * audit log is searched by time, and each context moves a clock of its own.
   */
  private static final Map<String, HikariDataSource> DATABASES = new ConcurrentHashMap<>();

  static final Path DATA = temporaryDirectory();

  /** A real SMTP server in this JVM, for the whole run (the Spring context outlives a class). */
  static final GreenMail MAIL = startMail();

  protected static final String PASSWORD = "correct horse battery staple";

  @DynamicPropertySource
  static void environment(DynamicPropertyRegistry properties) {
    // Called once for each context Spring starts for these tests, not once for each test class.
    HikariDataSource database = TestDatabase.newDatabase();
    DATABASES.put(database.getJdbcUrl(), database);
    TestDatabase.applicationProperties(database)
        .forEach((key, value) -> properties.add(key, () -> value));
    properties.add("vigie.data-dir", DATA::toString);
    properties.add("spring.mail.host", () -> "127.0.0.1");
    properties.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
  }

  @Autowired Organizations organizations;
  @Autowired Credentials credentials;
  @Autowired TestingClock clock;
  @Autowired protected JdbcTemplate jdbc;

  /**
   * The database as the owner of the schema, for fixtures the application's role may not do
   * (altering a table); {@link #jdbc} is the application's own connection, to the same database.
   */
  protected JdbcTemplate owner;

  @Autowired
  void ownerOf(@Value("${spring.datasource.url}") String url) {
    owner = new JdbcTemplate(DATABASES.get(url));
  }

  @LocalServerPort int port;

  /** A staff account created for one test, with its password set. */
  public record TestAccount(UUID id, String login, String organizationCode) {}

  protected TestAccount newAccount(Role role) {
    return newAccount(role, "ORG-" + UUID.randomUUID());
  }

  /**
   * An account in the organization with this code, created if it is new: of France Travail for the
   * national roles (analyst, DPO, helpdesk, administrator), a subcontractor for its operators, Cap
   * emploi otherwise.
   */
  protected TestAccount newAccount(Role role, String organizationCode) {
    return newAccount(role, organizationCode, kindFor(role));
  }

  private static OrganizationKind kindFor(Role role) {
    return switch (role) {
      case SECURITY_ANALYST, DPO, HELPDESK, ADMINISTRATOR -> OrganizationKind.FRANCE_TRAVAIL_AGENCY;
      case SUBCONTRACTOR_OPERATOR -> OrganizationKind.SUBCONTRACTOR;
      case ADVISOR, MANAGER -> OrganizationKind.CAP_EMPLOI;
    };
  }

  /** An account in the organization with this code, created of this kind if it is new. */
  protected TestAccount newAccount(Role role, String organizationCode, OrganizationKind kind) {
    organizations.registerOrganizations(
        List.of(new Organizations.NewOrganization(organizationCode, kind, "Test " + kind)));
    String login = role.name().toLowerCase() + "-" + UUID.randomUUID();
    organizations.registerAccounts(
        List.of(new Organizations.NewAccount(login, organizationCode, role)));
    UUID id = credentials.accountId(login).orElseThrow();
    credentials.setPassword(id, PASSWORD);
    return new TestAccount(id, login, organizationCode);
  }

  protected StaffClient client() {
    return new StaffClient("http://localhost:" + port);
  }

  /** Signs in with the password, enrolls a TOTP seed and confirms it; returns the seed. */
  protected byte[] enrollTotp(StaffClient client, TestAccount account) {
    assertThat(client.signIn(account.login(), PASSWORD).status()).isEqualTo(200);
    StaffClient.Answer enrollment = client.post("/api/me/totp", Map.of());
    assertThat(enrollment.status()).isEqualTo(200);
    byte[] seed = seedOf(enrollment.json().get("uri").asString());
    assertThat(client.post("/api/me/totp/confirmation", Map.of("code", codeNow(seed))).status())
        .isEqualTo(200);
    return seed;
  }

  protected String codeNow(byte[] seed) {
    return TotpCodes.code(seed, TotpCodes.step(clock.instant()), TotpCodes.DIGITS);
  }

  /** The server's port. */
  protected int port() {
    return port;
  }

  /** The time the server sees now. */
  protected Instant clockNow() {
    return clock.instant();
  }

  /** Moves the server's time forward. */
  protected void moveClock(java.time.Duration by) {
    clock.advance(by);
  }

  /**
   * Moves the server's time to the next Monday to Friday, 10:00 in Paris: whole ceilings, and the
   * sign-in limits of earlier tests (all from this machine's address) long refilled.
   */
  protected void moveToNextWeekdayMorning() {
    java.time.ZonedDateTime at =
        clock
            .instant()
            .atZone(java.time.ZoneId.of("Europe/Paris"))
            .plusDays(1)
            .withHour(10)
            .withMinute(0)
            .withSecond(0);
    while (at.getDayOfWeek() == java.time.DayOfWeek.SATURDAY
        || at.getDayOfWeek() == java.time.DayOfWeek.SUNDAY) {
      at = at.plusDays(1);
    }
    clock.advance(java.time.Duration.between(clock.instant(), at.toInstant()));
  }

  /**
   * Moves the clock to the next weekday morning unless it already stands in a weekday's working
   * hours: the least jump that gives a test the working day's ceilings (the audit log is shared by
   * every test server, each on its own clock).
   */
  protected void moveToWorkingHours() {
    java.time.ZonedDateTime now = clock.instant().atZone(java.time.ZoneId.of("Europe/Paris"));
    boolean weekday =
        now.getDayOfWeek() != java.time.DayOfWeek.SATURDAY
            && now.getDayOfWeek() != java.time.DayOfWeek.SUNDAY;
    if (!weekday || now.getHour() < 9 || now.getHour() >= 16) {
      moveToNextWeekdayMorning();
    }
  }

  /** Moves past the time step of the last code, so the next code is a new one. */
  protected void nextStep() {
    clock.advance(java.time.Duration.ofSeconds(TotpCodes.STEP_SECONDS));
  }

  /** The seed of a base32 key, as an app reads it when typed by hand. */
  protected static byte[] seedOfKey(String base32) {
    return Base32.decode(base32);
  }

  static byte[] seedOf(String otpauthUri) {
    String query = URI.create(otpauthUri).getRawQuery();
    for (String parameter : query.split("&")) {
      if (parameter.startsWith("secret=")) {
        return Base32.decode(parameter.substring("secret=".length()));
      }
    }
    throw new AssertionError("no secret in the otpauth URI");
  }

  Optional<Instant> lockedAt(UUID account) {
    return Optional.ofNullable(
            jdbc.queryForObject(
                "select locked_at from staff_account where id = ?",
                java.sql.Timestamp.class,
                account))
        .map(java.sql.Timestamp::toInstant);
  }

  /** The SMTP server every mail of the application goes to. */
  protected static GreenMail mail() {
    return MAIL;
  }

  private static GreenMail startMail() {
    GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
    Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
    return mail;
  }

  /** Creates an account with an address on file. */
  TestAccount newAccountWithEmail(Role role, String organizationCode) {
    TestAccount account = newAccount(role, organizationCode);
    credentials.setEmail(account.id(), emailOf(account));
    return account;
  }

  static String emailOf(TestAccount account) {
    return account.login() + "@staff.example";
  }

  /** A client signed in with both factors. */
  protected StaffClient signedIn(TestAccount account) {
    StaffClient client = client();
    enrollTotp(client, account);
    return client;
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("vigie-identity-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The clock and the probe endpoints of these tests. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Probes {
    @Bean
    @Primary
    TestingClock testingClock() {
      return new TestingClock(Instant.parse("2026-03-02T09:00:00Z"));
    }

    @Bean
    Probe probe() {
      return new Probe();
    }
  }

  /** Stands for another feature's controllers: answers who the caller is. */
  @RestController
  @TestComponent
  static class Probe {
    @GetMapping("/api/probe")
    Object anyApi() {
      return StaffPrincipal.current().orElseThrow();
    }

    @GetMapping("/api/persons/probe")
    Object persons() {
      return StaffPrincipal.current().orElseThrow();
    }
  }

  /** RFC 4648 base32 decoding, to read the seed out of an otpauth URI as an app would. */
  static final class Base32 {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    static byte[] decode(String text) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      int buffer = 0;
      int bits = 0;
      for (char c : text.toCharArray()) {
        buffer = (buffer << 5) | ALPHABET.indexOf(c);
        bits += 5;
        if (bits >= 8) {
          out.write((buffer >>> (bits - 8)) & 0xff);
          bits -= 8;
        }
      }
      return out.toByteArray();
    }
  }
}
