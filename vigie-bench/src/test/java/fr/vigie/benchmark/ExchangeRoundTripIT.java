package fr.vigie.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.VigieApplication;
import fr.vigie.access.Actor;
import fr.vigie.exchange.ExchangeAuditIngest;
import fr.vigie.exchange.ExchangeBatches;
import fr.vigie.exchange.ExchangeInbound;
import fr.vigie.exchange.ExchangeKeys;
import fr.vigie.exchange.OpenPgp;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.Containments;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import fr.vigie.runtime.EmbeddedDatabase;
import fr.vigie.simulation.DemoAgency;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The register and the exchange as two processes, as deployed: the exchange's jar in a JVM of its
 * own with its own PostgreSQL, the register in this one on another PostgreSQL, talking only over
 * the exchange's loopback API. A subcontractor with nothing but OpenSSH's {@code sftp} and GnuPG's
 * {@code gpg} does the round trip; another pulls its batch twice and is suspended on both sides.
 */
class ExchangeRoundTripIT {
  @TempDir static Path work;
  private static EmbeddedDatabase database;
  private static ExchangeProcess exchange;
  private static ConfigurableApplicationContext register;
  private static JdbcTemplate jdbc;
  private static final List<Path> gnupgHomes = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    exchange =
        ExchangeProcess.start(
            Path.of(System.getProperty("vigie.exchange.jar")),
            Files.createDirectories(work.resolve("exchange")).resolve("data"),
            // Refusals written each second, so that the test waits little for them.
            List.of("--vigie.exchange.refusals.window=PT1S"));
    database = EmbeddedDatabase.startTemporary();
    try (Connection connection = database.connectAsSuperuser("postgres");
        Statement ddl = connection.createStatement()) {
      ddl.execute("create database vigie");
    }
    SpringApplication application = new SpringApplication(VigieApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    register =
        application.run(
            "--spring.datasource.url=" + database.jdbcUrl("vigie"),
            "--spring.datasource.username=" + database.app().user(),
            "--spring.datasource.password=" + database.app().password(),
            "--spring.flyway.user=" + database.superuser().user(),
            "--spring.flyway.password=" + database.superuser().password(),
            "--vigie.data-dir=" + work.resolve("register"),
            "--vigie.demo.persons=300",
            "--vigie.exchange.url=" + exchange.apiUrl(),
            "--vigie.exchange.api-token-file=" + work.resolve("exchange/data/api-token"),
            "--vigie.exchange.ingest-interval=PT1H",
            "--logging.level.root=WARN");
    register.getBean(DemoAgency.class).loadIfEmpty();
    jdbc = register.getBean(JdbcTemplate.class);
  }

  @AfterAll
  static void stop() throws Exception {
    for (Path home : gnupgHomes) { // the agents gpg started for each home
      Command.run(home.getParent(), "gpgconf", "--homedir", home.toString(), "--kill", "all");
    }
    if (register != null) {
      register.close();
    }
    if (exchange != null) {
      exchange.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void batch_fetchedWithSftpAndGpg_andAnsweredTheSameWay_isImportedByTheRegister()
      throws Exception {
    Subcontractor digit = Subcontractor.open("digit-trip");
    List<PersonId> persons = digit.referred(12);

    ExchangeBatches.Sent sent = digit.send(persons);
    String batch = sent.batch().fileName();
    Command.Result fetched = digit.sftp("get outbound/" + batch + " " + batch);
    Command.Result decrypted = digit.gpg("--output", "batch.csv", "--decrypt", batch);
    List<String> rows = Files.readAllLines(digit.home.resolve("batch.csv"));
    StringBuilder results = new StringBuilder("batch,token,status\n");
    for (String row : rows.subList(1, rows.size())) {
      results.append(sent.batch()).append(',').append(row.split(",")[0]).append(",DIGITIZED\n");
    }
    Files.writeString(digit.home.resolve("results.csv"), results);
    Files.copy(
        register.getBean(ExchangeKeys.class).publicKey(), digit.home.resolve("register.asc"));
    digit.gpg("--import", "register.asc");
    Command.Result encrypted =
        digit.gpg(
            "--trust-model",
            "always",
            "--recipient",
            "register@vigie.invalid",
            "--output",
            "results.pgp",
            "--encrypt",
            "results.csv");
    Command.Result answered =
        digit.sftp(
            "put results.pgp inbound/results-" + sent.batch() + ".pgp", "rm outbound/" + batch);
    ExchangeInbound.Collected collected =
        register.getBean(ExchangeInbound.class).collect("digit-trip");
    register.getBean(ExchangeAuditIngest.class).ingest();

    assertThat(fetched.ok()).as(fetched.output()).isTrue();
    assertThat(decrypted.ok()).as(decrypted.output()).isTrue();
    assertThat(rows).hasSize(13).first().asString().startsWith("token,birth_name");
    assertThat(encrypted.ok()).as(encrypted.output()).isTrue();
    assertThat(answered.ok()).as(answered.output()).isTrue();
    assertThat(collected.files()).isEqualTo(1);
    assertThat(collected.results()).isEqualTo(12);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from exchange_result where batch_id = ? and status = 'DIGITIZED'",
                Integer.class,
                sent.batch().value()))
        .isEqualTo(12);
    assertThat(exchangeOperations())
        .contains(
            "EXCHANGE.PLACE.OK",
            "EXCHANGE.SIGN_IN.OK",
            "EXCHANGE.DOWNLOAD.OK",
            "EXCHANGE.UPLOAD.OK",
            "EXCHANGE.DELETE.OK",
            "EXCHANGE.COLLECT.OK",
            "EXCHANGE.CONFIRM.OK");
    assertThat(register.getBean(Containments.class).stateOf(digit.operator.account()))
        .as("an honest round trip is never suspended (an odd hour asks a step-up at most)")
        .isNotEqualTo(ContainmentState.SUSPENDED);
  }

  @Test
  void batch_downloadedTwice_suspendsTheAccountAndItsNextSftpSignInIsRefused() throws Exception {
    Subcontractor digit = Subcontractor.open("digit-greedy");
    ExchangeBatches.Sent sent = digit.send(digit.referred(5));
    String batch = sent.batch().fileName();

    Command.Result twice =
        digit.sftp("get outbound/" + batch + " one.pgp", "get outbound/" + batch + " two.pgp");
    register.getBean(ExchangeAuditIngest.class).ingest();
    Command.Result next = digit.sftp("ls outbound");

    assertThat(twice.ok()).as(twice.output()).isTrue();
    assertThat(register.getBean(Containments.class).stateOf(digit.operator.account()))
        .isEqualTo(ContainmentState.SUSPENDED);
    assertThat(next.ok()).as("refused: " + next.output()).isFalse();
    register.getBean(ExchangeAuditIngest.class).ingest();
    assertThat(exchangeOperations()).contains("EXCHANGE.SUSPEND.OK", "EXCHANGE.SIGN_IN.SUSPENDED");
  }

  @Test
  void forgedTokensFromOneAddress_areCountedIngestedAndThatAddressIsThenRefusedByTheExchange()
      throws Exception {
    String guesser = "127.0.0.31";
    String base = "https://127.0.0.1:" + exchange.httpsPort();
    List<String> command =
        new ArrayList<>(
            List.of(
                "curl",
                "-sk",
                "--interface",
                guesser,
                "-w",
                "%{http_code}\\n",
                "-H",
                "Authorization: Bearer forged-token-guess"));
    for (int i = 0; i < 60; i++) {
      command.addAll(List.of("-o", "/dev/null", base + "/files/outbound/batch-" + i + ".pgp"));
    }
    Command.Result guessed = Command.run(work, command.toArray(String[]::new));

    long alerts = 0;
    for (int i = 0; i < 60 && alerts == 0; i++) {
      Thread.sleep(1000); // the exchange writes its counted refusals each second
      register.getBean(ExchangeAuditIngest.class).ingest();
      alerts =
          jdbc.queryForObject(
              "select count(*) from exchange_address_alert where address = ? and refusals >= 50",
              Long.class,
              guesser);
    }
    Command.Result after =
        Command.run(
            work,
            "curl",
            "-sk",
            "--interface",
            guesser,
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            base + "/files/outbound/");
    Command.Result elsewhere =
        Command.run(
            work,
            "curl",
            "-sk",
            "--interface",
            "127.0.0.32",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            base + "/files/outbound/");

    assertThat(guessed.output().lines().filter("401"::equals).count())
        .as(guessed.output())
        .isEqualTo(60);
    assertThat(alerts).isEqualTo(1);
    assertThat(exchangeOperations()).contains("EXCHANGE.REFUSED.BAD-TOKEN");
    assertThat(after.output()).startsWith("403");
    assertThat(elsewhere.output()).startsWith("401");
  }

  /** The purpose codes of the exchange's operations in the register's audit log. */
  private static List<String> exchangeOperations() {
    List<String> found = new ArrayList<>();
    jdbc.query(
        "select entry from audit_entry where position('EXCHANGE.'::bytea in entry) > 0",
        row -> {
          var matcher =
              java.util.regex.Pattern.compile("EXCHANGE\\.[A-Z_]+\\.[A-Z_-]+")
                  .matcher(new String(row.getBytes(1), StandardCharsets.ISO_8859_1));
          while (matcher.find()) {
            found.add(matcher.group());
          }
        });
    return found;
  }

  /** A subcontractor: its organization and operator in the register, its account and keys. */
  private static final class Subcontractor {
    final String account;
    final Actor operator;
    final OrganizationId organization;
    final Path home;
    final Path sshKey;

    private Subcontractor(String account, Actor operator, Path home, Path sshKey) {
      this.account = account;
      this.operator = operator;
      this.organization = operator.organization();
      this.home = home;
      this.sshKey = sshKey;
    }

    static Subcontractor open(String account) throws Exception {
      Path home = Files.createDirectories(work.resolve(account));
      Files.setPosixFilePermissions(
          home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      Command.run(home, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "id").requireOk();
      Path sshKey = home.resolve("id");
      exchange.openAccount(account, 1L << 30, 1L << 28, sshKey);
      UUID organization = UUID.randomUUID();
      jdbc.update(
          "insert into organization (id, code, kind, name) values (?, ?, 'SUBCONTRACTOR', ?)",
          organization,
          "SUB-" + organization,
          "Digit " + organization);
      UUID operator = UUID.randomUUID();
      jdbc.update(
          "insert into staff_account (id, organization_id, login, role)"
              + " values (?, ?, ?, 'SUBCONTRACTOR_OPERATOR')",
          operator,
          organization,
          account + "-op");
      Subcontractor subcontractor =
          new Subcontractor(
              account,
              new Actor(
                  new AccountId(operator),
                  Role.SUBCONTRACTOR_OPERATOR,
                  new OrganizationId(organization),
                  OrganizationKind.SUBCONTRACTOR,
                  false),
              home,
              sshKey);
      subcontractor
          .gpg(
              "--quick-gen-key",
              account + " <" + account + "@example.test>",
              "default",
              "default",
              "never")
          .requireOk();
      return subcontractor;
    }

    /** {@code count} persons referred to its organization. */
    List<PersonId> referred(int count) {
      List<PersonId> persons =
          jdbc.query(
              "select id from person order by random() limit ?",
              (row, n) -> new PersonId(row.getObject(1, UUID.class)),
              count);
      UUID by = jdbc.queryForObject("select id from staff_account limit 1", UUID.class);
      for (PersonId person : persons) {
        jdbc.update(
            "insert into referral (person_id, organization_id, referred_by) values (?, ?, ?)",
            person.value(),
            organization.value(),
            by);
      }
      return persons;
    }

    /** The register reads, encrypts to its GnuPG key and places a batch of {@code persons}. */
    ExchangeBatches.Sent send(List<PersonId> persons) throws Exception {
      gpg("--output", "public.asc", "--armor", "--export", account + "@example.test").requireOk();
      try (InputStream key = Files.newInputStream(home.resolve("public.asc"))) {
        return register
            .getBean(ExchangeBatches.class)
            .send(operator, account, persons, OpenPgp.encryptionKey(key));
      }
    }

    Command.Result sftp(String... lines) throws IOException, InterruptedException {
      Path batch = Files.createTempFile(home, "batch", ".txt");
      Files.write(batch, List.of(lines));
      return Command.run(
          home,
          "sftp",
          "-b",
          batch.toString(),
          "-i",
          sshKey.toString(),
          "-P",
          Integer.toString(exchange.sftpPort()),
          "-o",
          "IdentitiesOnly=yes",
          "-o",
          "StrictHostKeyChecking=no",
          "-o",
          "UserKnownHostsFile=/dev/null",
          "-o",
          "LogLevel=ERROR",
          account + "@127.0.0.1");
    }

    Command.Result gpg(String... arguments) throws IOException, InterruptedException {
      List<String> command =
          new ArrayList<>(
              List.of(
                  "gpg",
                  "--homedir",
                  home.resolve("gnupg").toString(),
                  "--batch",
                  "--yes",
                  "--pinentry-mode",
                  "loopback",
                  "--passphrase",
                  ""));
      command.addAll(List.of(arguments));
      if (!Files.isDirectory(home.resolve("gnupg"))) {
        gnupgHomes.add(Files.createDirectories(home.resolve("gnupg")));
      }
      Files.setPosixFilePermissions(
          home.resolve("gnupg"),
          java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      return Command.run(home, command.toArray(String[]::new));
    }
  }

  /** A command of the subcontractor's machine, run to its end. */
  private static final class Command {
    record Result(int exitCode, String output) {
      boolean ok() {
        return exitCode == 0;
      }

      void requireOk() {
        if (!ok()) {
          throw new IllegalStateException("exit " + exitCode + ": " + output);
        }
      }
    }

    static Result run(Path directory, String... command) throws IOException, InterruptedException {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectError(directory.resolve("stderr-" + command[0] + ".txt").toFile())
              .start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command[0] + " did not finish");
      }
      return new Result(
          process.exitValue(),
          new String(output, StandardCharsets.UTF_8)
              + Files.readString(directory.resolve("stderr-" + command[0] + ".txt")));
    }
  }
}
