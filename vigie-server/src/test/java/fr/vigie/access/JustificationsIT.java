package fr.vigie.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import fr.vigie.testing.TestDatabase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

  @BeforeEach
  void setUp() {
    dataSource = TestDatabase.newDatabase();
    fixture = new AccessFixture(dataSource);
    justifications = new Justifications(fixture.jdbc);
    agency = fixture.organization(OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    advisor = fixture.account(agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY, Role.ADVISOR);
    manager = fixture.account(agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY, Role.MANAGER);
    person = fixture.person(agency);
  }

  @AfterEach
  void tearDown() {
    dataSource.close();
  }

  @Test
  void record_justification_storesReasonAndTextUnderANewId() {
    JustificationId id = justifications.record(advisor, person, AT_THE_DESK);

    Map<String, Object> row =
        fixture.jdbc.queryForMap("select * from justification where id = ?", id.value());
    assertThat(row)
        .containsEntry("account_id", advisor.account().value())
        .containsEntry("person_id", person.value())
        .containsEntry("reason_code", "PERSON_AT_THE_DESK")
        .containsEntry("text", AT_THE_DESK.text())
        .containsEntry("review_outcome", null);
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
