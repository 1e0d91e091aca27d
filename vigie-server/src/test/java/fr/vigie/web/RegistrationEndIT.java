package fr.vigie.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditJournal;
import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.Registry;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The end of a registration over HTTP. An advisor once erased a person by setting its end date 18
 * years back (the next retention run crypto-shredded it), or kept one for ever with a date in 2099.
 * An end date is now today or a correction of at most 30 days, and retention acts only on an end
 * date that has stood unchanged for the grace time. A refused update is audited as a refusal, never
 * as an update that did not happen.
 */
class RegistrationEndIT extends IdentityIntegrationTest {
  @Autowired Registry registry;
  @Autowired AuditJournal journal;

  private TestAccount advisor;
  private PersonRecord record;
  private String person;
  private LocalDate today;

  @BeforeEach
  void agency() {
    String agency = "FT-" + UUID.randomUUID();
    advisor = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    long n = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    record = registeredOn(TestPersons.person(n, agency), LocalDate.of(2005, 1, 10));
    registry.importRecords(
        List.of(record).iterator(), 1, ImportOptions.defaults(), ImportProgress.NONE);
    person = registry.findByIdentifier(record.identifier()).orElseThrow().toString();
    jdbc.update(
        "insert into caseload (advisor_id, person_id) values (?, ?::uuid)", advisor.id(), person);
    today = LocalDate.ofInstant(clockNow(), ZoneId.of("Europe/Paris"));
  }

  @Test
  void update_leftOnEighteenYearsBack_isRefusedAuditedAsRefusalAndErasesNothing() {
    StaffClient client = signedIn(advisor);

    StaffClient.Answer update = setLeftOn(client, today.minusYears(18).toString());

    assertThat(update.status()).isEqualTo(400);
    assertThat(update.json().get("code").asString()).isEqualTo("FIELD_INVALID");
    assertThat(update.json().get("detail").asString()).isEqualTo("left_on: more than 30 days back");
    assertThat(storedEnd()).isNull();
    assertRefusedNotUpdated();
    registry.eraseExpired(Period.ofYears(17), Registry.DEFAULT_GRACE, today, clockNow());
    assertThat(erased()).isFalse();
  }

  @Test
  void update_leftOnInTheFuture_isRefused() {
    StaffClient.Answer update = setLeftOn(signedIn(advisor), "2099-01-01");

    assertThat(update.status()).isEqualTo(400);
    assertThat(update.json().get("code").asString()).isEqualTo("FIELD_INVALID");
    assertThat(update.json().get("detail").asString()).isEqualTo("left_on: is in the future");
    assertThat(storedEnd()).isNull();
    assertRefusedNotUpdated();
  }

  @Test
  void update_leftOnToday_isStored() {
    StaffClient.Answer update = setLeftOn(signedIn(advisor), today.toString());

    assertThat(update.status()).isEqualTo(204);
    assertThat(storedEnd()).isEqualTo(today);
  }

  @Test
  void update_correctionWithinTheWindow_isStoredButTheNextRetentionRunKeepsThePerson() {
    LocalDate corrected = today.minusDays(20);

    StaffClient.Answer update = setLeftOn(signedIn(advisor), corrected.toString());
    // A retention period short enough for the corrected date to be past it, the default grace.
    long erasedNow =
        registry.eraseExpired(Period.ofDays(10), Registry.DEFAULT_GRACE, today, clockNow());

    assertThat(update.status()).isEqualTo(204);
    assertThat(storedEnd()).isEqualTo(corrected);
    assertThat(erased()).isFalse();
    assertThat(
            journal.about(UUID.fromString(person)).stream()
                .filter(e -> e.action() == AuditAction.UPDATE)
                .map(AuditEvent::decision)
                .toList())
        .containsExactly(AuditDecision.ALLOW);
    // Once the end date has stood unchanged for the grace time, retention does erase.
    moveClock(java.time.Duration.ofDays(31));
    registry.eraseExpired(Period.ofDays(10), Registry.DEFAULT_GRACE, today, clockNow());
    assertThat(erased()).isTrue();
    assertThat(erasedNow).isZero();
  }

  @Test
  void update_invalidEmail_isRefusedAndAuditedAsARefusalNotAsAnUpdate() {
    StaffClient client = signedIn(advisor);

    StaffClient.Answer update =
        client.patch(
            "/api/persons/" + person,
            Map.of("purpose", "FOLLOW_UP", "changes", Map.of("email", "pas une adresse")));

    assertThat(update.status()).isEqualTo(400);
    assertThat(update.json().get("code").asString()).isEqualTo("FIELD_INVALID");
    assertThat(update.json().get("detail").asString()).isEqualTo("email: not an email address");
    assertRefusedNotUpdated();
    assertThat(client.get("/api/persons/" + person).json().get("fields").get("email").asString())
        .isEqualTo(record.email());
  }

  private StaffClient.Answer setLeftOn(StaffClient client, String date) {
    return client.patch(
        "/api/persons/" + person,
        Map.of("purpose", "FOLLOW_UP", "changes", Map.of("left_on", date)));
  }

  /** The update is in the audit log as one refusal naming the field, and as nothing else. */
  private void assertRefusedNotUpdated() {
    List<AuditEvent> updates =
        journal.about(UUID.fromString(person)).stream()
            .filter(e -> e.action() == AuditAction.UPDATE)
            .toList();
    assertThat(updates).hasSize(1);
    assertThat(updates.getFirst().decision()).isEqualTo(AuditDecision.DENY);
    assertThat(updates.getFirst().actor()).isEqualTo(advisor.id().toString());
  }

  private LocalDate storedEnd() {
    return jdbc.queryForObject(
        "select retention_from from person where id = ?::uuid", LocalDate.class, person);
  }

  private boolean erased() {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select erased_at is not null from person where id = ?::uuid", Boolean.class, person));
  }

  private static PersonRecord registeredOn(PersonRecord p, LocalDate registered) {
    return new PersonRecord(
        p.identifier(),
        p.nir(),
        p.sex(),
        p.birthName(),
        p.usualName(),
        p.firstNames(),
        p.birthDate(),
        p.birthPlace(),
        p.email(),
        p.phone(),
        p.address(),
        p.category(),
        registered,
        p.leftOn(),
        p.organization());
  }
}
