package fr.vigie.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.TimeBoxedRelationship.Kind;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import fr.vigie.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A manager's time-boxed relationships (covering an absent colleague, a session's list) explain an
 * advisor's out-of-caseload reads while they hold, and only then; the deny cases first.
 */
class TimeBoxedRelationshipsIT {
  private static final Instant MONDAY_9 = Instant.parse("2026-11-30T08:00:00Z");

  private HikariDataSource dataSource;
  private AccessFixture fixture;
  private Relationships relationships;
  private OrganizationId agency;
  private Actor manager;
  private Actor advisor;
  private Actor colleague;
  private Actor otherAgencyManager;
  private Actor otherAgencyAdvisor;
  private PersonId colleaguesPerson;
  private PersonId attendee;
  private PersonId otherAgencysPerson;

  @BeforeEach
  void setUp() {
    dataSource = TestDatabase.newDatabase();
    fixture = new AccessFixture(dataSource);
    relationships = at(MONDAY_9);
    agency = fixture.organization(OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    OrganizationId otherAgency = fixture.organization(OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    manager = fixture.account(agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY, Role.MANAGER);
    advisor = fixture.account(agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY, Role.ADVISOR);
    colleague = fixture.account(agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY, Role.ADVISOR);
    otherAgencyManager =
        fixture.account(otherAgency, OrganizationKind.FRANCE_TRAVAIL_AGENCY, Role.MANAGER);
    otherAgencyAdvisor =
        fixture.account(otherAgency, OrganizationKind.FRANCE_TRAVAIL_AGENCY, Role.ADVISOR);
    colleaguesPerson = fixture.person(agency);
    attendee = fixture.person(agency);
    otherAgencysPerson = fixture.person(otherAgency);
    relationships.assign(manager, colleague.account(), colleaguesPerson);
  }

  @AfterEach
  void tearDown() {
    dataSource.close();
  }

  @Test
  void grant_byAdvisor_deniedAndNothingWritten() {
    assertDenied(
        () -> relationships.grant(advisor, cover(advisor, colleague, 0, 8)),
        DenyReason.ROLE_NOT_ALLOWED);
    assertThat(rows()).isZero();
  }

  @Test
  void grant_coverOfAdvisorOfOtherOrganization_denied() {
    assertDenied(
        () -> relationships.grant(manager, cover(advisor, otherAgencyAdvisor, 0, 8)),
        DenyReason.ADVISOR_NOT_IN_ORGANIZATION);
    assertDenied(
        () -> relationships.grant(otherAgencyManager, cover(advisor, colleague, 0, 8)),
        DenyReason.ADVISOR_NOT_IN_ORGANIZATION);
    assertThat(rows()).isZero();
  }

  @Test
  void grant_sessionListingPersonOfOtherOrganization_denied() {
    assertDenied(
        () -> relationships.grant(manager, session(List.of(attendee, otherAgencysPerson), 0, 3)),
        DenyReason.NO_RELATIONSHIP);
    assertThat(rows()).isZero();
  }

  @Test
  void relationship_endBeforeStartOrLongerThanAMonth_refused() {
    assertThatThrownBy(() -> cover(advisor, colleague, 8, 0))
        .isInstanceOfSatisfying(
            VigieException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.FIELD_INVALID));
    assertThatThrownBy(() -> cover(advisor, colleague, 0, 32 * 24))
        .isInstanceOf(VigieException.class)
        .hasMessageContaining("31 days");
    assertThatThrownBy(() -> cover(advisor, advisor, 0, 8)).isInstanceOf(VigieException.class);
  }

  @Test
  void cover_whileItHolds_explainsTheColleaguesCaseloadOnly() {
    relationships.grant(manager, cover(advisor, colleague, 0, 8));

    assertThat(relationships.facts(advisor, colleaguesPerson).timeBoxed()).isTrue();
    assertThat(relationships.facts(advisor, attendee).timeBoxed()).isFalse();
    assertThat(at(MONDAY_9.minusSeconds(60)).facts(advisor, colleaguesPerson).timeBoxed())
        .isFalse();
    assertThat(at(MONDAY_9.plus(Duration.ofHours(8))).facts(advisor, colleaguesPerson).timeBoxed())
        .isFalse();
    assertThat(relationships.facts(otherAgencyAdvisor, colleaguesPerson).timeBoxed()).isFalse();
  }

  @Test
  void cover_policyAllowsWithoutJustification_nirMasked() {
    Facts before = relationships.facts(advisor, colleaguesPerson);
    assertThat(decide(before)).isInstanceOf(Decision.JustificationRequired.class);

    relationships.grant(manager, cover(advisor, colleague, 0, 8));

    Decision decision = decide(relationships.facts(advisor, colleaguesPerson));
    assertThat(decision)
        .isInstanceOfSatisfying(
            Decision.Allow.class,
            allow -> {
              assertThat(allow.basis()).isEqualTo(Basis.TIME_BOXED);
              assertThat(allow.fields().get(fr.vigie.registry.PersonField.NIR))
                  .isEqualTo(Visibility.MASKED);
            });
  }

  @Test
  void session_explainsListedPersons_untilRevoked() {
    TimeBoxedRelationship.Id id = relationships.grant(manager, session(List.of(attendee), 0, 3));
    assertThat(relationships.facts(advisor, attendee).timeBoxed()).isTrue();
    assertThat(relationships.facts(advisor, colleaguesPerson).timeBoxed()).isFalse();

    assertThat(relationships.revoke(otherAgencyManager, id)).isFalse();
    assertThat(relationships.facts(advisor, attendee).timeBoxed()).isTrue();
    assertThat(relationships.revoke(manager, id)).isTrue();

    assertThat(relationships.facts(advisor, attendee).timeBoxed()).isFalse();
    assertThat(relationships.revoke(manager, id)).isFalse();
  }

  private Decision decide(Facts facts) {
    return AccessPolicy.decide(advisor, Action.READ, facts, Purpose.FOLLOW_UP, Optional.empty());
  }

  private Relationships at(Instant now) {
    return new Relationships(fixture.jdbc, Optional.of(Clock.fixed(now, ZoneOffset.UTC)));
  }

  private static TimeBoxedRelationship cover(Actor who, Actor away, int fromHour, int toHour) {
    return TimeBoxedRelationship.cover(
        who.account(),
        away.account(),
        MONDAY_9.plus(Duration.ofHours(fromHour)),
        MONDAY_9.plus(Duration.ofHours(toHour)));
  }

  private TimeBoxedRelationship session(List<PersonId> persons, int fromHour, int toHour) {
    return TimeBoxedRelationship.list(
        Kind.SESSION,
        advisor.account(),
        persons,
        MONDAY_9.plus(Duration.ofHours(fromHour)),
        MONDAY_9.plus(Duration.ofHours(toHour)));
  }

  private static void assertDenied(ThrowingCallable call, DenyReason reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(AccessDenied.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private long rows() {
    return fixture.jdbc.queryForObject("select count(*) from time_boxed_relationship", Long.class);
  }
}
