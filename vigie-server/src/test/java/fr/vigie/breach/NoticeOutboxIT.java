package fr.vigie.breach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.ProblemCode;
import fr.vigie.VigieApplication;
import fr.vigie.VigieException;
import fr.vigie.access.Actor;
import fr.vigie.access.PersonReads;
import fr.vigie.access.Purpose;
import fr.vigie.access.Relationships;
import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditJournal;
import fr.vigie.audit.AuditLog;
import fr.vigie.cli.VigieCommand;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.Credentials;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Organizations;
import fr.vigie.identity.Role;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.PersonId;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.Registry;
import fr.vigie.testing.TestDatabase;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Article 34 end to end on a real PostgreSQL and a real SMTP server (GreenMail): each person's
 * email and letter name that person's fields only; a sender killed with SIGKILL half-way and run
 * again notifies every person, nobody under two Message-IDs, every letter once.
 */
class NoticeOutboxIT {
  private static final List<String> EVERY_FIELD =
      List.of("identifier", "nir", "usual_name", "email", "phone", "address");

  @TempDir static Path data;

  private static final Map<PersonId, String> BIRTH_NAMES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static HikariDataSource database;
  private static GreenMail mail;
  private static ConfigurableApplicationContext context;

  @TempDir Path letters;

  @BeforeAll
  static void start() {
    database = TestDatabase.newDatabase();
    mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
    context = started();
  }

  /** A Vigie on the test's database, as a start of the server makes one. */
  private static ConfigurableApplicationContext started() {
    // As arguments, not default properties: application.properties would override those.
    List<String> arguments =
        new ArrayList<>(List.of(TestDatabase.applicationArguments(database, "--")));
    settings().forEach(setting -> arguments.add("--" + setting));
    return new SpringApplicationBuilder(VigieApplication.class)
        .web(WebApplicationType.NONE)
        .run(arguments.toArray(String[]::new));
  }

  @AfterAll
  static void stop() {
    context.close();
    mail.stop();
    database.close();
  }

  private static List<String> settings() {
    return List.of(
        "vigie.data-dir=" + data,
        "spring.mail.host=127.0.0.1",
        "spring.mail.port=" + mail.getSmtp().getPort(),
        "vigie.demo.enabled=false",
        "vigie.breach.notice.confirmation-wait=PT1S",
        "spring.main.banner-mode=off",
        "logging.level.root=WARN");
  }

  @Test
  void send_emailsEachPersonItsOwnFields_andPrintsALetterForThoseWithoutAnEmail() throws Exception {
    Story story = story(3, 2);

    Notices.Outcome outcome = notices().send(story.dpo(), story.incident(), 50, letters, s -> {});

    assertThat(outcome.emailed()).isEqualTo(3);
    assertThat(outcome.letters()).isEqualTo(2);
    assertThat(outcome.status().done()).isEqualTo(5);
    for (PersonId person : story.emailed()) {
      List<MimeMessage> received = receivedBy(story.emailOf(person));
      assertThat(received).hasSize(1);
      String text = (String) received.getFirst().getContent();
      assertNamesExactly(text, story.fieldsOf(person));
      assertThat(received.getFirst().getSubject()).isEqualTo(NoticeText.SUBJECT);
      assertThat(received.getFirst().getMessageID()).isEqualTo(messageId(story, person));
    }
    Map<PersonId, String> pages = letterPages(outcome.batches(), story);
    assertThat(pages.keySet()).containsExactlyInAnyOrderElementsOf(story.lettered());
    for (PersonId person : story.lettered()) {
      assertNamesExactly(pages.get(person), story.fieldsOf(person));
      assertThat(pages.get(person)).contains("3 rue des Lilas").contains(NoticeText.SUBJECT);
    }
    // The samples of docs/breach-response.md.
    Path samples = Files.createDirectories(Path.of("target", "breach-samples"));
    PersonId first = story.emailed().getFirst();
    Files.writeString(
        samples.resolve("notice-email.txt"),
        "Message-ID: "
            + messageId(story, first)
            + "\nSubject: "
            + NoticeText.SUBJECT
            + "\n\n"
            + ((String) receivedBy(story.emailOf(first)).getFirst().getContent())
                .replace("\r\n", "\n"));
    Files.writeString(samples.resolve("notice-letter.txt"), pages.get(story.lettered().getFirst()));
  }

  @Test
  void send_recordsEachNoticeForThePersonsSpace_andAuditsItWithoutItsAddress() {
    Story story = story(1, 1);

    notices().send(story.dpo(), story.incident(), 50, letters, s -> {});

    PersonId emailed = story.emailed().getFirst();
    PersonId lettered = story.lettered().getFirst();
    List<Notices.Sent> sent = notices().sentTo(emailed);
    assertThat(sent).hasSize(1);
    assertThat(sent.getFirst().channel()).isEqualTo(Notices.Channel.EMAIL);
    assertThat(sent.getFirst().fields()).isEqualTo(story.fieldsOf(emailed));
    assertThat(sent.getFirst().reference()).isEqualTo(story.reference());
    assertNamesExactly(notices().text(sent.getFirst()), story.fieldsOf(emailed));
    PersonNotices space = context.getBean(PersonNotices.class);
    assertThat(space.of(emailed))
        .singleElement()
        .satisfies(
            notice -> {
              assertThat(notice.channel()).isEqualTo("EMAIL");
              assertThat(notice.fields()).isEqualTo(story.fieldsOf(emailed));
              assertNamesExactly(String.join("\n\n", notice.paragraphs()), story.fieldsOf(emailed));
            });
    assertThat(notices().sentTo(lettered))
        .singleElement()
        .extracting(Notices.Sent::channel)
        .isEqualTo(Notices.Channel.LETTER);
    String incident = story.incident().value().toString().toUpperCase();
    List<AuditEvent> journal = context.getBean(AuditJournal.class).about(emailed.value());
    assertThat(journal)
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo(AuditAction.READ);
              assertThat(e.purpose()).isEqualTo("BREACH_NOTICE");
              assertThat(e.actor()).isEqualTo(story.dpo().account().toString());
              assertThat(e.fields()).contains("email");
            })
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo(AuditAction.ADMIN);
              assertThat(e.purpose()).isEqualTo("NOTICE.EMAIL." + incident);
              assertThat(e.fields()).isEqualTo(story.fieldsOf(emailed));
            });
    assertThat(context.getBean(AuditJournal.class).about(lettered.value()))
        .anySatisfy(e -> assertThat(e.purpose()).isEqualTo("NOTICE.LETTER." + incident));
  }

  @Test
  void send_again_notifiesNobodyTwice() {
    Story story = story(2, 1);
    notices().send(story.dpo(), story.incident(), 50, letters, s -> {});

    Notices.Outcome again = notices().send(story.dpo(), story.incident(), 50, letters, s -> {});

    assertThat(again.emailed()).isZero();
    assertThat(again.letters()).isZero();
    assertThat(notices().prepare(story.dpo(), story.incident())).isZero();
    for (PersonId person : story.emailed()) {
      assertThat(receivedBy(story.emailOf(person))).hasSize(1);
    }
  }

  @Test
  void widenedAfterNotifying_sendsEachPersonOnlyTheNewFields_once() throws Exception {
    Story story = story(2, 1);
    notices().send(story.dpo(), story.incident(), 50, letters, s -> {});
    PersonId grown = story.emailed().get(0);
    PersonId same = story.emailed().get(1);
    PersonId lettered = story.lettered().getFirst();
    String domain = UUID.randomUUID() + ".persons.example";
    PersonId newcomer = imported(agency(), 1, domain).getFirst();
    Map<PersonId, List<String>> secondReads = new LinkedHashMap<>();
    secondReads.put(grown, List.of("usual_name", "nir", "email"));
    secondReads.put(same, story.fieldsOf(same));
    secondReads.put(lettered, List.of("usual_name", "address"));
    secondReads.put(newcomer, List.of("identifier"));
    context
        .getBean(Incidents.class)
        .widen(story.dpo(), story.incident(), readBy(UUID.randomUUID(), secondReads));

    assertThat(notices().prepare(story.dpo(), story.incident())).isEqualTo(3);
    Notices.Outcome second = notices().send(story.dpo(), story.incident(), 50, letters, s -> {});

    assertThat(second.emailed()).isEqualTo(2);
    assertThat(second.letters()).isEqualTo(1);
    List<MimeMessage> toGrown = receivedBy(story.emailOf(grown));
    assertThat(toGrown).hasSize(2);
    MimeMessage complement =
        toGrown.stream()
            .filter(m -> subject(m).equals(NoticeText.COMPLEMENT_SUBJECT))
            .findFirst()
            .orElseThrow();
    assertNamesExactly((String) complement.getContent(), List.of("usual_name"));
    assertThat(complement.getMessageID()).isNotEqualTo(toGrown.getFirst().getMessageID());
    assertThat(receivedBy(story.emailOf(same))).hasSize(1);
    List<MimeMessage> toNewcomer = receivedBy("0.notice@" + domain);
    assertThat(toNewcomer).singleElement().extracting(this::subject).isEqualTo(NoticeText.SUBJECT);
    assertNamesExactly((String) toNewcomer.getFirst().getContent(), List.of("identifier"));
    assertThat(notices().sentTo(lettered))
        .extracting(Notices.Sent::fields, Notices.Sent::complementary)
        .containsExactly(tuple(story.fieldsOf(lettered), false), tuple(List.of("address"), true));
    assertThat(context.getBean(PersonNotices.class).of(grown))
        .extracting(PersonNotices.Notice::fields)
        .containsExactly(List.of("usual_name"), story.fieldsOf(grown));

    assertThat(notices().prepare(story.dpo(), story.incident())).isZero();
    Notices.Outcome third = notices().send(story.dpo(), story.incident(), 50, letters, s -> {});
    assertThat(third.emailed()).isZero();
    assertThat(third.letters()).isZero();
    assertThat(receivedBy(story.emailOf(grown))).hasSize(2);
    assertThat(receivedBy("0.notice@" + domain)).hasSize(1);
  }

  @Test
  void readForNotice_ofAPersonWhoseNoticeIsNotClaimed_isRefused() {
    Story story = story(1, 0);
    PersonId person = story.emailed().getFirst();
    PersonReads reads = context.getBean(PersonReads.class);

    assertThatThrownBy(
            () -> reads.read(story.dpo(), person, Purpose.BREACH_NOTICE, Optional.empty()))
        .isInstanceOfSatisfying(
            VigieException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.ACCESS_DENIED));
    assertThat(context.getBean(AuditJournal.class).about(person.value()))
        .anySatisfy(
            e -> {
              assertThat(e.actor()).isEqualTo(story.dpo().account().toString());
              assertThat(e.decision()).isEqualTo(AuditDecision.DENY);
            });
  }

  @Test
  void send_whileAScopeIsNotConfirmedComplete_isRefused_andNotifiesNobodyUntilItIs()
      throws Exception {
    Story story = story(1, 0);
    JdbcTemplate owner = new JdbcTemplate(database);
    String incident = story.incident().value().toString();
    ScopeStates.walked(owner, incident);

    ScopeStates.set(owner, incident, Incident.Completeness.State.PENDING);
    assertThatThrownBy(() -> notices().send(story.dpo(), story.incident(), 50, letters, s -> {}))
        .isInstanceOfSatisfying(
            VigieException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ProblemCode.SCOPE_NOT_CONFIRMED);
              assertThat(e.retryAfter()).isPresent();
            });
    ScopeStates.set(owner, incident, Incident.Completeness.State.FAILED);
    assertThatThrownBy(() -> notices().prepare(story.dpo(), story.incident()))
        .isInstanceOfSatisfying(
            VigieException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ProblemCode.SCOPE_NOT_CONFIRMED);
              assertThat(e.getMessage()).contains("scope 1: the check of its completeness failed");
            });
    assertThat(receivedBy(story.emailOf(story.emailed().getFirst()))).isEmpty();
    assertThat(notices().status(story.dpo(), story.incident()).pending()).isEqualTo(1);

    ScopeStates.set(owner, incident, Incident.Completeness.State.CONFIRMED);
    Notices.Outcome sent = notices().send(story.dpo(), story.incident(), 50, letters, s -> {});

    assertThat(sent.emailed()).isEqualTo(1);
    assertThat(receivedBy(story.emailOf(story.emailed().getFirst()))).hasSize(1);
  }

  @Test
  void start_resumesTheChecksAStopLeftPending_andTheirNoticesCanGo() throws Exception {
    Story kept = story(1, 0);
    Story older = story(1, 0);
    JdbcTemplate owner = new JdbcTemplate(database);
    for (Story story : List.of(kept, older)) {
      ScopeStates.walked(owner, story.incident().value().toString());
      // As a stop in the middle of the walk leaves it.
      ScopeStates.set(
          owner, story.incident().value().toString(), Incident.Completeness.State.PENDING);
    }
    // A scope stored before its index answer was kept (V191).
    owner.update(
        "update incident_scope set indexed_entries = null, log_size = null where incident_id = ?",
        older.incident().value());
    assertThatThrownBy(() -> notices().send(kept.dpo(), kept.incident(), 50, letters, s -> {}))
        .isInstanceOfSatisfying(
            VigieException.class,
            e -> assertThat(e.code()).isEqualTo(ProblemCode.SCOPE_NOT_CONFIRMED));

    try (ConfigurableApplicationContext restarted = started()) {
      for (Story story : List.of(kept, older)) {
        ScopeStates.walked(owner, story.incident().value().toString());
      }
    }

    for (Story story : List.of(kept, older)) {
      assertThat(
              owner.queryForList(
                  "select completeness from incident_scope where incident_id = ?",
                  String.class,
                  story.incident().value()))
          .containsExactly("CONFIRMED");
      Notices.Outcome sent = notices().send(story.dpo(), story.incident(), 50, letters, s -> {});
      assertThat(sent.emailed()).isEqualTo(1);
      assertThat(receivedBy(story.emailOf(story.emailed().getFirst()))).hasSize(1);
    }
  }

  @Test
  void send_toPersonsErasedByRetentionSinceTheScope_endsTheirNoticesAsErased_andCountsThem() {
    Story story = story(3, 1);
    PersonId erasedEmailed = story.emailed().get(1);
    PersonId erasedLettered = story.lettered().getFirst();
    Registry registry = context.getBean(Registry.class);
    assertThat(registry.erase(erasedEmailed)).isTrue();
    assertThat(registry.erase(erasedLettered)).isTrue();

    Notices.Outcome outcome = notices().send(story.dpo(), story.incident(), 50, letters, s -> {});

    assertThat(outcome.emailed()).isEqualTo(2);
    assertThat(outcome.letters()).isZero();
    assertThat(outcome.status().erased()).isEqualTo(2);
    assertThat(outcome.status().pending() + outcome.status().claimed()).isZero();
    assertThat(outcome.status().lettersWaiting()).isZero();
    assertThat(receivedBy(story.emailOf(erasedEmailed))).isEmpty();
    assertThat(receivedBy(story.emailOf(story.emailed().get(0)))).hasSize(1);
    assertThat(receivedBy(story.emailOf(story.emailed().get(2)))).hasSize(1);
    assertThat(notices().sentTo(erasedEmailed)).isEmpty();
    assertThat(notices().sentTo(erasedLettered)).isEmpty();
    String incident = story.incident().value().toString().toUpperCase();
    assertThat(context.getBean(AuditJournal.class).about(erasedEmailed.value()))
        .anySatisfy(
            e -> {
              assertThat(e.purpose()).isEqualTo("NOTICE.ERASED." + incident);
              assertThat(e.fields()).isEqualTo(story.fieldsOf(erasedEmailed));
            })
        .noneSatisfy(e -> assertThat(e.purpose()).isEqualTo("BREACH_NOTICE"));
    Notices.Outcome again = notices().send(story.dpo(), story.incident(), 50, letters, s -> {});
    assertThat(again.emailed()).isZero();
    assertThat(again.status().erased()).isEqualTo(2);
  }

  @Test
  void print_ofABatchWhosePersonWasErasedSinceItWasMade_holdsAndCountsTheOtherLettersOnly()
      throws Exception {
    Story story = story(0, 3);
    PersonId erased = story.lettered().get(1);
    // As a run that batched the letters and died before printing them left the outbox.
    jdbc()
        .update(
            "update breach_notice set state = 'LETTER_DUE', channel = 'LETTER', attempts = 1"
                + " where incident_id = ?",
            story.incident().value());
    UUID batch =
        context
            .getBean(NoticeOutbox.class)
            .batchLetters(story.incident(), 10, Instant.now())
            .orElseThrow();
    assertThat(lettersCounted(batch)).isEqualTo(3);
    assertThat(context.getBean(Registry.class).erase(erased)).isTrue();

    Notices.Outcome outcome = notices().send(story.dpo(), story.incident(), 50, letters, s -> {});

    assertThat(outcome.letters()).isEqualTo(2);
    assertThat(lettersCounted(batch)).isEqualTo(2);
    assertThat(outcome.status().printed()).isEqualTo(2);
    assertThat(outcome.status().erased()).isEqualTo(1);
    assertThat(outcome.status().lettersWaiting()).isZero();
    assertThat(letterPages(outcome.batches(), story).keySet())
        .containsExactlyInAnyOrder(story.lettered().get(0), story.lettered().get(2));
    assertThat(notices().sentTo(erased)).isEmpty();
  }

  @Test
  void send_byASecurityAnalyst_isRefused() {
    Story story = story(1, 0);
    Actor analyst = account(Role.SECURITY_ANALYST);

    assertThatThrownBy(() -> notices().send(analyst, story.incident(), 50, letters, s -> {}))
        .isInstanceOfSatisfying(
            VigieException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.ACCESS_DENIED));
    assertThat(receivedBy(story.emailOf(story.emailed().getFirst()))).isEmpty();
  }

  @Test
  void notify_killedHalfWayThenRunAgain_notifiesEveryPersonOnce() throws Exception {
    Story story = story(12, 3);

    long sentAtKill = killWhenPartlySent(story, 4);
    Notices.Outcome rerun = notices().send(story.dpo(), story.incident(), 50, letters, s -> {});

    assertThat(sentAtKill).as("killed before the end").isBetween(4L, 11L);
    assertThat(rerun.status().done()).isEqualTo(15);
    long resent = 0;
    for (PersonId person : story.emailed()) {
      List<MimeMessage> received = receivedBy(story.emailOf(person));
      List<String> ids = new ArrayList<>();
      for (MimeMessage message : received) {
        ids.add(message.getMessageID());
      }
      assertThat(ids)
          .as("one notice, under one Message-ID")
          .isNotEmpty()
          .containsOnly(messageId(story, person));
      resent += received.size() - 1;
    }
    // SMTP cannot tell a sender whether it took a message: only the one in flight at the kill
    // may arrive twice, and then under the same Message-ID.
    assertThat(resent).isLessThanOrEqualTo(rerun.released());
    assertThat(rerun.released()).isLessThanOrEqualTo(1);
    Map<PersonId, String> pages = letterPages(rerun.batches(), story);
    assertThat(pages.keySet()).containsExactlyInAnyOrderElementsOf(story.lettered());
  }

  @Test
  void complements_killedHalfWayThenRunAgain_sendEachPersonOneComplementOnce() throws Exception {
    Story story = story(8, 0);
    notices().send(story.dpo(), story.incident(), 50, letters, s -> {});
    Map<PersonId, List<String>> more = new LinkedHashMap<>();
    Map<PersonId, String> added = new LinkedHashMap<>();
    for (PersonId person : story.emailed()) {
      String field =
          EVERY_FIELD.stream().filter(f -> !story.fieldsOf(person).contains(f)).findFirst().get();
      added.put(person, field);
      more.put(person, List.of(field));
    }
    context
        .getBean(Incidents.class)
        .widen(story.dpo(), story.incident(), readBy(UUID.randomUUID(), more));

    long sentAtKill = killWhenPartlySent(story, 8 + 3);
    Notices.Outcome rerun = notices().send(story.dpo(), story.incident(), 50, letters, s -> {});

    assertThat(sentAtKill).as("killed before the end").isBetween(11L, 15L);
    assertThat(rerun.status().done()).isEqualTo(16);
    long resent = 0;
    for (PersonId person : story.emailed()) {
      List<MimeMessage> complements =
          receivedBy(story.emailOf(person)).stream()
              .filter(m -> subject(m).equals(NoticeText.COMPLEMENT_SUBJECT))
              .toList();
      assertThat(complements.stream().map(this::messageId).distinct())
          .as("one complement, under one Message-ID")
          .hasSize(1);
      assertNamesExactly((String) complements.getFirst().getContent(), List.of(added.get(person)));
      resent += complements.size() - 1;
    }
    assertThat(resent).isLessThanOrEqualTo(rerun.released());
    assertThat(rerun.released()).isLessThanOrEqualTo(1);
    assertThat(notices().prepare(story.dpo(), story.incident())).isZero();
    assertThat(notices().send(story.dpo(), story.incident(), 50, letters, s -> {}).emailed())
        .isZero();
  }

  /** Runs {@code vigie breach notify} in a JVM of its own and kills it with SIGKILL half-way. */
  private long killWhenPartlySent(Story story, int atLeast) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    settings().forEach(setting -> command.add("-D" + setting));
    command.add(VigieCommand.class.getName());
    command.addAll(
        List.of(
            "breach",
            "notify",
            story.incident().value().toString(),
            "--as",
            story.dpoLogin(),
            "--per-second",
            "4",
            "--letters",
            letters.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(letters.resolve("notify.log").toFile());
    // In the environment, not on the command line, where any local user could read the passwords.
    TestDatabase.applicationProperties(database)
        .forEach(
            (key, value) -> builder.environment().put(key.toUpperCase().replace('.', '_'), value));
    Process child = builder.start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (sent(story) < atLeast && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no rollback from the client
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return sent(story);
  }

  private long sent(Story story) {
    return jdbc()
        .queryForObject(
            "select count(*) from breach_notice where incident_id = ? and state = 'SENT'",
            Long.class,
            story.incident().value());
  }

  /** An incident whose thief read some fields of each person; its notices prepared. */
  private record Story(
      Actor dpo,
      String dpoLogin,
      IncidentId incident,
      String reference,
      List<PersonId> emailed,
      List<PersonId> lettered,
      Map<PersonId, List<String>> fields,
      Map<PersonId, String> emails) {
    List<String> fieldsOf(PersonId person) {
      return fields.get(person);
    }

    String emailOf(PersonId person) {
      return emails.get(person);
    }
  }

  private static String agency() {
    String agency = "AG-" + UUID.randomUUID();
    context
        .getBean(Organizations.class)
        .registerOrganizations(
            List.of(
                new Organizations.NewOrganization(
                    agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY, "Agence")));
    return agency;
  }

  private Story story(int withEmail, int withoutEmail) {
    String agency = agency();
    String domain = UUID.randomUUID() + ".persons.example";
    List<PersonId> emailed = imported(agency, withEmail, domain);
    List<PersonId> lettered = imported(agency, withoutEmail, null);
    Map<PersonId, List<String>> fields = new LinkedHashMap<>();
    Map<PersonId, String> emails = new LinkedHashMap<>();
    for (int n = 0; n < emailed.size(); n++) {
      fields.put(emailed.get(n), fieldsFor(n));
      emails.put(emailed.get(n), n + ".notice@" + domain);
    }
    for (int n = 0; n < lettered.size(); n++) {
      fields.put(lettered.get(n), fieldsFor(n + 1));
    }
    UUID thief = UUID.randomUUID();
    Scope scope = readBy(thief, fields);
    String login = "dpo-" + UUID.randomUUID();
    Actor dpo = account(Role.DPO, login);
    String reference = "INC-" + Math.abs(thief.getLeastSignificantBits() % 1_000_000);
    Incident declared = context.getBean(Incidents.class).declare(dpo, reference, scope);
    IncidentId incident = declared.header().id();
    assertThat(notices().prepare(dpo, incident)).isEqualTo(withEmail + withoutEmail);
    return new Story(dpo, login, incident, reference, emailed, lettered, fields, emails);
  }

  /** Appends {@code account}'s reads of {@code fields} to the log; the scope of those reads. */
  private static Scope readBy(UUID account, Map<PersonId, List<String>> fields) {
    Instant from = Instant.now().minusSeconds(1);
    AuditLog log = context.getBean(AuditLog.class);
    fields.forEach(
        (person, read) ->
            log.append(
                new AuditEvent(
                    Instant.now(),
                    account.toString(),
                    AuditAction.READ,
                    person.toString(),
                    read,
                    "FOLLOW_UP",
                    AuditDecision.ALLOW,
                    null,
                    UUID.randomUUID().toString())));
    return Scope.ofAccounts(Set.of(new AccountId(account)), from, Instant.now().plusSeconds(1));
  }

  /** Different fields for neighbours, so that a notice naming a neighbour's fields fails. */
  private static List<String> fieldsFor(int n) {
    return switch (n % 3) {
      case 0 -> List.of("email", "nir");
      case 1 -> List.of("usual_name");
      default -> List.of("identifier", "phone", "address");
    };
  }

  private Actor account(Role role) {
    return account(role, role.name().toLowerCase() + "-" + UUID.randomUUID());
  }

  private Actor account(Role role, String login) {
    String organization = "FT-" + UUID.randomUUID();
    Organizations organizations = context.getBean(Organizations.class);
    organizations.registerOrganizations(
        List.of(
            new Organizations.NewOrganization(
                organization, OrganizationKind.FRANCE_TRAVAIL_AGENCY, "Direction")));
    organizations.registerAccounts(
        List.of(new Organizations.NewAccount(login, organization, role)));
    UUID id = context.getBean(Credentials.class).accountId(login).orElseThrow();
    return context.getBean(Relationships.class).actor(new AccountId(id), false).orElseThrow();
  }

  /** Each named field's line is in the text, and no other field's. */
  private static void assertNamesExactly(String rawText, List<String> fields) {
    String text = rawText.replace("\r\n", "\n");
    for (String field : EVERY_FIELD) {
      String line = "- " + FieldCategories.plain(field) + "\n";
      if (fields.contains(field)) {
        assertThat(text).as(field).contains(line);
      } else {
        assertThat(text).as(field).doesNotContain(line);
      }
    }
  }

  /** The text of each letter in the batches, by the person it is addressed to. */
  private Map<PersonId, String> letterPages(List<Path> batches, Story story) throws IOException {
    Map<PersonId, String> byPerson = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> listed = Files.list(letters)) {
      files = listed.filter(f -> f.toString().endsWith(".pdf")).sorted().toList();
    }
    assertThat(files).containsAll(batches);
    for (Path file : files) {
      try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
        for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
          PDFTextStripper stripper = new PDFTextStripper();
          stripper.setStartPage(page);
          stripper.setEndPage(page);
          String text = stripper.getText(pdf).replace("\r\n", "\n");
          PersonId person = addressee(text, story);
          assertThat(byPerson).as("one letter per person").doesNotContainKey(person);
          byPerson.put(person, text);
        }
      }
    }
    return byPerson;
  }

  /** The person whose birth name heads the letter: "Dominique <birth name>". */
  private PersonId addressee(String text, Story story) {
    String heading = text.lines().findFirst().orElse("").strip();
    return story.lettered().stream()
        .filter(person -> heading.endsWith(" " + birthName(person)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("a letter to nobody of the incident"));
  }

  /** A birth name of letters no other person of the run has. */
  private static String uniqueName() {
    StringBuilder name = new StringBuilder("Avis");
    for (char c : Long.toHexString(UUID.randomUUID().getMostSignificantBits()).toCharArray()) {
      name.append((char) ('a' + Character.digit(c, 16)));
    }
    return name.toString();
  }

  private static String birthName(PersonId person) {
    return BIRTH_NAMES.get(person);
  }

  /** Imports {@code count} persons, with an email at {@code domain} or none; keeps their names. */
  private static List<PersonId> imported(String organization, int count, String domain) {
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    List<PersonRecord> rows = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      PersonRecord p =
          BreachPersons.person(
              base + n, organization, domain == null ? null : n + ".notice@" + domain);
      rows.add(p.withNames(uniqueName(), p.usualName()));
    }
    Registry registry = context.getBean(Registry.class);
    registry.importRecords(
        rows.iterator(), rows.size(), ImportOptions.defaults(), ImportProgress.NONE);
    List<PersonId> ids = new ArrayList<>();
    for (PersonRecord row : rows) {
      PersonId id = registry.findByIdentifier(row.identifier()).orElseThrow();
      BIRTH_NAMES.put(id, row.birthName());
      ids.add(id);
    }
    return ids;
  }

  private String messageId(Story story, PersonId person) {
    return jdbc()
        .queryForObject(
            "select message_id from breach_notice where incident_id = ? and person_id = ?",
            String.class,
            story.incident().value(),
            person.value());
  }

  private static List<MimeMessage> receivedBy(String address) {
    return Arrays.stream(mail.getReceivedMessages())
        .filter(message -> recipients(message).contains(address))
        .toList();
  }

  private String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> recipients(MimeMessage message) {
    try {
      return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
          .map(Object::toString)
          .toList();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The count of letters a batch's row states. */
  private static Integer lettersCounted(UUID batch) {
    return jdbc()
        .queryForObject(
            "select letters from breach_letter_batch where id = ?", Integer.class, batch);
  }

  private static Notices notices() {
    return context.getBean(Notices.class);
  }

  private static JdbcTemplate jdbc() {
    return context.getBean(JdbcTemplate.class);
  }
}
