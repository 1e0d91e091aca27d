package fr.vigie.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.crypto.KeyRing;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import fr.vigie.registry.Registry;
import fr.vigie.registry.TestRegistries;
import fr.vigie.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JustificationsIT {
  private static final Justification AT_THE_DESK =
      new Justification(ReasonCode.PERSON_AT_THE_DESK, "Venue sans rendez-vous, conseiller absent");

  private HikariDataSource dataSource;
  private AccessFixture fixture;
  private Justifications justifications;
  private OrganizationId agency;
  private Actor advisor;
  private Actor manager;
  private PersonId person;

  @TempDir Path directory;
  private KeyRing keys;
  private Registry registry;

  @BeforeEach
  void setUp() throws Exception {
    dataSource = TestDatabase.newDatabase();
    fixture = new AccessFixture(dataSource);
    Path keyDirectory = directory.resolve("keys");
    keys =
        KeyRing.open(
            "file:" + keyDirectory.resolve("kek.json"), keyDirectory, KeyRing.INDEX_FIELDS);
    registry = TestRegistries.open(dataSource, keys);
    justifications = new Justifications(fixture.jdbc, registry);
    agency = fixture.organization(OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    advisor = fixture.account(agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY, Role.ADVISOR);
    manager = fixture.account(agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY, Role.MANAGER);
    person = personWithKey();
  }

  /** A person row with a data key of its own, as the import leaves it. */
  private PersonId personWithKey() throws Exception {
    PersonId id = fixture.person(agency);
    fixture.jdbc.update(
        "update person set wrapped_key = ?, kek_id = ? where id = ?",
        keys.fieldCipher().newDataKey(id.toString()).wrapped(),
        keys.fieldCipher().currentKekId(),
        id.value());
    return id;
  }

  @AfterEach
  void tearDown() {
    dataSource.close();
  }

  @Test
  void record_justification_storesReasonAndTextSealedUnderThePersonsKey() {
    JustificationId id = justifications.record(advisor, person, AT_THE_DESK);

    Map<String, Object> row =
        fixture.jdbc.queryForMap("select * from justification where id = ?", id.value());
    assertThat(row)
        .containsEntry("account_id", advisor.account().value())
        .containsEntry("person_id", person.value())
        .containsEntry("reason_code", "PERSON_AT_THE_DESK")
        .containsEntry("text", null)
        .containsEntry("review_outcome", null);
    byte[] sealed = (byte[]) row.get("text_sealed");
    assertThat(new String(sealed, StandardCharsets.UTF_8)).doesNotContain("conseiller");
    assertThat(justifications.text(id, person, sealed)).hasValue(AT_THE_DESK.text());
    // Bound to its place: the same ciphertext does not open as another justification's.
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> justifications.text(new JustificationId(UUID.randomUUID()), person, sealed)))
        .isNotNull();
  }

  @Test
  void text_personErased_isGoneAndPendingShowsNoText() {
    JustificationId id = justifications.record(advisor, person, AT_THE_DESK);

    assertThat(registry.erase(person)).isTrue();

    byte[] sealed =
        fixture.jdbc.queryForObject(
            "select text_sealed from justification where id = ?", byte[].class, id.value());
    assertThat(justifications.text(id, person, sealed)).isEmpty();
    assertThat(justifications.pending(manager, 10))
        .singleElement()
        .satisfies(pending -> assertThat(pending.text()).isNull());
  }

  @Test
  void sealClearTexts_rowsWrittenInClear_areSealedAndTheClearTextDropped() {
    UUID clear = UUID.randomUUID();
    fixture.jdbc.update(
        "insert into justification (id, account_id, person_id, reason_code, text)"
            + " values (?, ?, ?, 'PERSON_AT_THE_DESK', 'Madame X au guichet')",
        clear,
        advisor.account().value(),
        person.value());

    justifications.sealClearTexts();

    Map<String, Object> row =
        fixture.jdbc.queryForMap("select * from justification where id = ?", clear);
    assertThat(row).containsEntry("text", null);
    assertThat(
            justifications.text(
                new JustificationId(clear), person, (byte[]) row.get("text_sealed")))
        .hasValue("Madame X au guichet");
  }

  @Test
  void review_byManagerOfOtherOrganization_deniedAndLeftPending() {
    JustificationId id = justifications.record(advisor, person, AT_THE_DESK);
    OrganizationId other = fixture.organization(OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    Actor otherManager =
        fixture.account(other, OrganizationKind.FRANCE_TRAVAIL_AGENCY, Role.MANAGER);

    assertThatThrownBy(() -> justifications.review(otherManager, id, ReviewOutcome.UPHELD))
        .isInstanceOfSatisfying(
            AccessDenied.class,
            e -> assertThat(e.reason()).isEqualTo(DenyReason.ADVISOR_NOT_IN_ORGANIZATION));
    assertThat(outcomeOf(id)).isNull();
  }

  @Test
  void review_unknownId_deniedLikeAnotherOrganizations() {
    JustificationId unknown = new JustificationId(UUID.randomUUID());

    assertThatThrownBy(() -> justifications.review(manager, unknown, ReviewOutcome.REJECTED))
        .isInstanceOfSatisfying(
            AccessDenied.class,
            e -> assertThat(e.reason()).isEqualTo(DenyReason.ADVISOR_NOT_IN_ORGANIZATION));
  }

  @Test
  void review_byAdvisorOfItsOwnJustification_denied() {
    JustificationId id = justifications.record(advisor, person, AT_THE_DESK);

    assertThatThrownBy(() -> justifications.review(advisor, id, ReviewOutcome.UPHELD))
        .isInstanceOfSatisfying(
            AccessDenied.class, e -> assertThat(e.reason()).isEqualTo(DenyReason.ROLE_NOT_ALLOWED));
    assertThat(outcomeOf(id)).isNull();
  }

  @Test
  void review_byManagerOfItsOrganization_recordsOutcomeOnce() {
    JustificationId id = justifications.record(advisor, person, AT_THE_DESK);

    assertThat(justifications.review(manager, id, ReviewOutcome.REJECTED)).isTrue();
    assertThat(justifications.review(manager, id, ReviewOutcome.UPHELD)).isFalse();

    assertThat(outcomeOf(id)).isEqualTo("REJECTED");
  }

  private String outcomeOf(JustificationId id) {
    return fixture.jdbc.queryForObject(
        "select review_outcome from justification where id = ?", String.class, id.value());
  }
}
