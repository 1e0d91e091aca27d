package fr.vigie.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Decision.Allow;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import fr.vigie.testing.TestDatabase;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RelationshipsIT {
  private HikariDataSource dataSource;
  private AccessFixture fixture;
  private Relationships relationships;

  private OrganizationId agency;
  private OrganizationId otherAgency;
  private OrganizationId capEmploi;
  private Actor manager;
  private Actor advisor;
  private Actor otherAgencyAdvisor;
  private Actor partnerAdvisor;
  private PersonId followed;
  private PersonId otherAgencysPerson;

  @BeforeEach
  void setUp() {
    dataSource = TestDatabase.newDatabase();
    fixture = new AccessFixture(dataSource);
    relationships = new Relationships(fixture.jdbc, java.util.Optional.empty());
    agency = fixture.organization(OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    otherAgency = fixture.organization(OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    capEmploi = fixture.organization(OrganizationKind.CAP_EMPLOI);
    manager = fixture.account(agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY, Role.MANAGER);
    advisor = fixture.account(agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY, Role.ADVISOR);
    otherAgencyAdvisor =
        fixture.account(otherAgency, OrganizationKind.FRANCE_TRAVAIL_AGENCY, Role.ADVISOR);
    partnerAdvisor = fixture.account(capEmploi, OrganizationKind.CAP_EMPLOI, Role.ADVISOR);
    followed = fixture.person(agency);
    otherAgencysPerson = fixture.person(otherAgency);
  }

  @AfterEach
  void tearDown() {
    dataSource.close();
  }

  @Test
  void actor_existingAccount_carriesRoleAndOrganization() {
    assertThat(relationships.actor(advisor.account(), false)).contains(advisor);
    assertThat(relationships.actor(advisor.account(), true).orElseThrow().restricted()).isTrue();
    assertThat(relationships.actor(new AccountId(UUID.randomUUID()), false)).isEmpty();
  }

  @Test
  void facts_unknownPerson_areNone() {
    assertThat(relationships.facts(advisor, PersonId.newId())).isEqualTo(Facts.NONE);
    Relationships.ForRead unknown = relationships.forRead(advisor, PersonId.newId());
    assertThat(unknown.facts()).isEqualTo(Facts.NONE);
    assertThat(unknown.row()).isEmpty();
  }

  @Test
  void forRead_sameFactsAsFacts_andTheSealedRowWithNothingReadableInItsText() {
    relationships.assign(manager, advisor.account(), followed);

    Relationships.ForRead read = relationships.forRead(advisor, followed);

    assertThat(read.facts()).isEqualTo(relationships.facts(advisor, followed));
    assertThat(read.facts().inCaseload()).isTrue();
    assertThat(read.row()).isPresent();
    assertThat(read.row().orElseThrow().toString()).isEqualTo("SealedRow[14 ciphertexts]");
  }

  // Caseloads: a manager assigns within its organization only.

  @Test
  void assign_advisorOfOtherOrganization_deniedAndNothingWritten() {
    assertDenied(
        () -> relationships.assign(manager, otherAgencyAdvisor.account(), followed),
        DenyReason.ADVISOR_NOT_IN_ORGANIZATION);
    assertThat(caseloadRows()).isZero();
  }

  @Test
  void assign_personOfOtherOrganization_deniedAndNothingWritten() {
    assertDenied(
        () -> relationships.assign(manager, advisor.account(), otherAgencysPerson),
        DenyReason.NO_RELATIONSHIP);
    assertThat(caseloadRows()).isZero();
  }

  @Test
  void assign_toAccountThatIsNotAnAdvisor_denied() {
    Actor colleague =
        fixture.account(agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY, Role.HELPDESK);

    assertDenied(
        () -> relationships.assign(manager, colleague.account(), followed),
        DenyReason.ADVISOR_NOT_IN_ORGANIZATION);
  }

  @Test
  void assign_byAdvisorToItself_denied() {
    assertDenied(
        () -> relationships.assign(advisor, advisor.account(), followed),
        DenyReason.ROLE_NOT_ALLOWED);
    assertThat(caseloadRows()).isZero();
  }

  @Test
  void assign_byManagerWithinOrganization_putsPersonInCaseloadAndAllowsRead() {
    assertThat(readDecision(advisor, followed)).isEqualTo(new Decision.JustificationRequired());

    relationships.assign(manager, advisor.account(), followed);
    relationships.assign(manager, advisor.account(), followed);

    assertThat(caseloadRows()).isEqualTo(1);
    assertThat(relationships.facts(advisor, followed)).isEqualTo(new Facts(true, true, false));
    assertThat(readDecision(advisor, followed)).isInstanceOf(Allow.class);
  }

  @Test
  void unassign_byManager_takesPersonOutOfCaseload() {
    relationships.assign(manager, advisor.account(), followed);

    assertThat(relationships.unassign(manager, advisor.account(), followed)).isTrue();
    assertThat(relationships.unassign(manager, advisor.account(), followed)).isFalse();
    assertThat(relationships.facts(advisor, followed).inCaseload()).isFalse();
  }

  @Test
  void unassign_byManagerOfOtherOrganization_denied() {
    relationships.assign(manager, advisor.account(), followed);
    Actor otherManager =
        fixture.account(otherAgency, OrganizationKind.FRANCE_TRAVAIL_AGENCY, Role.MANAGER);

    assertDenied(
        () -> relationships.unassign(otherManager, advisor.account(), followed),
        DenyReason.ADVISOR_NOT_IN_ORGANIZATION);
    assertThat(caseloadRows()).isEqualTo(1);
  }

  // Referrals: an agency advisor refers a person of its caseload to a partner.

  @Test
  void refer_personOutsideCaseload_deniedAndPartnerStillReadsNothing() {
    assertDenied(
        () -> relationships.refer(advisor, followed, capEmploi), DenyReason.NOT_IN_CASELOAD);
    assertThat(readDecision(partnerAdvisor, followed))
        .isEqualTo(new Decision.Deny(DenyReason.NO_RELATIONSHIP));
  }

  @Test
  void refer_toAnotherAgency_deniedNotAPartner() {
    relationships.assign(manager, advisor.account(), followed);

    assertDenied(
        () -> relationships.refer(advisor, followed, otherAgency), DenyReason.NOT_A_PARTNER);
  }

  @Test
  void refer_toUnknownOrganization_isRefused() {
    OrganizationId unknown = new OrganizationId(UUID.randomUUID());

    assertThatThrownBy(() -> relationships.refer(advisor, followed, unknown))
        .isInstanceOfSatisfying(
            VigieException.class,
            e -> assertThat(e.code()).isEqualTo(ProblemCode.ORGANIZATION_UNKNOWN));
  }

  @Test
  void refer_caseloadPersonToPartner_letsPartnerReadUntilTheReferralEnds() {
    relationships.assign(manager, advisor.account(), followed);

    relationships.refer(advisor, followed, capEmploi);
    relationships.refer(advisor, followed, capEmploi);

    assertThat(activeReferrals()).isEqualTo(1);
    Decision whileReferred = readDecision(partnerAdvisor, followed);
    assertThat(whileReferred).isInstanceOf(Allow.class);
    assertThat(((Allow) whileReferred).basis()).isEqualTo(Basis.REFERRAL);

    assertThat(relationships.endReferral(advisor, followed, capEmploi)).isTrue();
    assertThat(relationships.endReferral(advisor, followed, capEmploi)).isFalse();
    assertThat(readDecision(partnerAdvisor, followed))
        .isEqualTo(new Decision.Deny(DenyReason.NO_RELATIONSHIP));
  }

  @Test
  void refer_byRestrictedAdvisor_denied() {
    relationships.assign(manager, advisor.account(), followed);
    Actor restricted =
        new Actor(
            advisor.account(),
            advisor.role(),
            advisor.organization(),
            advisor.organizationKind(),
            true);

    assertDenied(
        () -> relationships.refer(restricted, followed, capEmploi), DenyReason.ACCOUNT_RESTRICTED);
    assertThat(activeReferrals()).isZero();
  }

  private Decision readDecision(Actor actor, PersonId person) {
    return AccessPolicy.decide(
        actor,
        Action.READ,
        relationships.facts(actor, person),
        Purpose.FOLLOW_UP,
        Optional.empty());
  }

  private static void assertDenied(ThrowingCallable call, DenyReason reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            AccessDenied.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.code()).isEqualTo(ProblemCode.ACCESS_DENIED);
            });
  }

  private long caseloadRows() {
    return fixture.jdbc.queryForObject("select count(*) from caseload", Long.class);
  }

  private long activeReferrals() {
    return fixture.jdbc.queryForObject(
        "select count(*) from referral where ended_at is null", Long.class);
  }
}
