package fr.vigie.access;

import static fr.vigie.access.Actors.actor;
import static fr.vigie.access.Actors.agencyAdvisor;
import static fr.vigie.access.Actors.agencyManager;
import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.access.Decision.Allow;
import fr.vigie.access.Decision.Deny;
import fr.vigie.access.Decision.JustificationRequired;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonField;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class AccessPolicyTest {
  private static final Facts CASELOAD = new Facts(true, true, false);
  private static final Facts ORGANIZATION_ONLY = new Facts(false, true, false);
  private static final Facts REFERRED_ONLY = new Facts(false, false, true);

  /** A caseload row left behind after the person moved to another organization. */
  private static final Facts STALE_CASELOAD = new Facts(true, false, false);

  private static final Optional<Justification> NONE = Optional.empty();
  private static final Optional<Justification> JUSTIFIED =
      Optional.of(new Justification(ReasonCode.PERSON_AT_THE_DESK, "Venue sans rendez-vous"));

  // Agency advisors: their caseload, and their organization with a justification.

  @ParameterizedTest
  @EnumSource(Action.class)
  void act_agencyAdvisorPersonOfOtherOrganization_deniesEvenJustified(Action action) {
    Actor advisor = agencyAdvisor();

    assertThat(decide(advisor, action, Facts.NONE, Purpose.FOLLOW_UP, JUSTIFIED))
        .isEqualTo(new Deny(DenyReason.NO_RELATIONSHIP));
    assertThat(decide(advisor, action, STALE_CASELOAD, Purpose.FOLLOW_UP, JUSTIFIED))
        .isEqualTo(new Deny(DenyReason.NO_RELATIONSHIP));
    assertThat(decide(advisor, action, REFERRED_ONLY, Purpose.FOLLOW_UP, JUSTIFIED))
        .isEqualTo(new Deny(DenyReason.NO_RELATIONSHIP));
  }

  @ParameterizedTest
  @EnumSource(Action.class)
  void act_agencyAdvisorPersonInCaseload_allowsEveryField(Action action) {
    Decision decision = decide(agencyAdvisor(), action, CASELOAD, Purpose.FOLLOW_UP, NONE);

    assertThat(decision).isInstanceOf(Allow.class);
    Allow allow = (Allow) decision;
    assertThat(allow.basis()).isEqualTo(Basis.CASELOAD);
    assertThat(allow.fields().keySet()).isEqualTo(EnumSet.allOf(PersonField.class));
  }

  @ParameterizedTest
  @EnumSource(
      value = Action.class,
      names = {"READ", "UPDATE"})
  void act_agencyAdvisorOutsideCaseloadWithoutJustification_requiresJustification(Action action) {
    assertThat(decide(agencyAdvisor(), action, ORGANIZATION_ONLY, Purpose.FOLLOW_UP, NONE))
        .isEqualTo(new JustificationRequired());
  }

  @ParameterizedTest
  @EnumSource(
      value = Action.class,
      names = {"READ", "UPDATE"})
  void act_agencyAdvisorOutsideCaseloadWithJustification_allowsWithNirMasked(Action action) {
    Decision decision =
        decide(agencyAdvisor(), action, ORGANIZATION_ONLY, Purpose.REGISTRATION_CHECK, JUSTIFIED);

    assertThat(decision).isInstanceOf(Allow.class);
    Allow allow = (Allow) decision;
    assertThat(allow.basis()).isEqualTo(Basis.JUSTIFICATION);
    assertThat(allow.fields().keySet()).isEqualTo(EnumSet.allOf(PersonField.class));
    assertThat(allow.fields()).containsEntry(PersonField.NIR, Visibility.MASKED);
  }

  @Test
  void search_agencyAdvisorOutsideCaseloadEvenJustified_deniesNotInCaseload() {
    assertThat(
            decide(agencyAdvisor(), Action.SEARCH, ORGANIZATION_ONLY, Purpose.FOLLOW_UP, JUSTIFIED))
        .isEqualTo(new Deny(DenyReason.NOT_IN_CASELOAD));
  }

  @ParameterizedTest
  @EnumSource(
      value = Purpose.class,
      names = {"REVIEW", "INCIDENT_RESPONSE"})
  void read_agencyAdvisorForAnotherRolesPurpose_deniesPurpose(Purpose purpose) {
    assertThat(decide(agencyAdvisor(), Action.READ, CASELOAD, purpose, NONE))
        .isEqualTo(new Deny(DenyReason.PURPOSE_NOT_ALLOWED));
  }

  // The NIR: clear only to an agency advisor of the caseload checking a registration.

  @Test
  void read_agencyAdvisorCaseloadForFollowUp_masksNir() {
    Allow allow = (Allow) decide(agencyAdvisor(), Action.READ, CASELOAD, Purpose.FOLLOW_UP, NONE);

    assertThat(allow.fields()).containsEntry(PersonField.NIR, Visibility.MASKED);
  }

  @Test
  void read_agencyAdvisorCaseloadForRegistrationCheck_showsNirClear() {
    Allow allow =
        (Allow) decide(agencyAdvisor(), Action.READ, CASELOAD, Purpose.REGISTRATION_CHECK, NONE);

    assertThat(allow.fields()).containsEntry(PersonField.NIR, Visibility.CLEAR);
    assertThat(allow.fields().values()).containsOnly(Visibility.CLEAR);
  }

  // Partner advisors: referred persons only, the fields of their mission only.

  @ParameterizedTest
  @MethodSource("partnersAndActions")
  void act_partnerAdvisorPersonNotReferred_deniesWithoutJustificationPath(
      OrganizationKind partner, Action action) {
    Actor advisor = actor(Role.ADVISOR, partner);

    for (Facts facts : new Facts[] {Facts.NONE, ORGANIZATION_ONLY, CASELOAD}) {
      assertThat(decide(advisor, action, facts, Purpose.FOLLOW_UP, JUSTIFIED))
          .isEqualTo(new Deny(DenyReason.NO_RELATIONSHIP));
    }
  }

  @ParameterizedTest
  @MethodSource("partnersAndActions")
  void act_partnerAdvisorReferredPerson_allowsMissionFieldsOnly(
      OrganizationKind partner, Action action) {
    Decision decision =
        decide(actor(Role.ADVISOR, partner), action, REFERRED_ONLY, Purpose.FOLLOW_UP, NONE);

    assertThat(decision).isEqualTo(new Allow(clear(AccessPolicy.PARTNER_FIELDS), Basis.REFERRAL));
    assertThat(((Allow) decision).fields())
        .doesNotContainKeys(PersonField.NIR, PersonField.BIRTH_PLACE);
  }

  @ParameterizedTest
  @EnumSource(
      value = Purpose.class,
      names = {"REGISTRATION_CHECK", "REVIEW", "INCIDENT_RESPONSE"})
  void read_partnerAdvisorForPurposeOtherThanFollowUp_deniesPurpose(Purpose purpose) {
    Actor advisor = actor(Role.ADVISOR, OrganizationKind.CAP_EMPLOI);

    assertThat(decide(advisor, Action.READ, REFERRED_ONLY, purpose, NONE))
        .isEqualTo(new Deny(DenyReason.PURPOSE_NOT_ALLOWED));
  }

  @Test
  void read_subcontractorAdvisor_deniesOrganization() {
    Actor advisor = actor(Role.ADVISOR, OrganizationKind.SUBCONTRACTOR);

    assertThat(decide(advisor, Action.READ, CASELOAD, Purpose.FOLLOW_UP, JUSTIFIED))
        .isEqualTo(new Deny(DenyReason.ORGANIZATION_NOT_ALLOWED));
  }

  // Managers: persons of their organization, for a review, NIR masked, never an update.

  @ParameterizedTest
  @EnumSource(
      value = Purpose.class,
      names = {"FOLLOW_UP", "REGISTRATION_CHECK", "INCIDENT_RESPONSE"})
  void read_managerForPurposeOtherThanReview_deniesPurpose(Purpose purpose) {
    assertThat(decide(agencyManager(), Action.READ, CASELOAD, purpose, JUSTIFIED))
        .isEqualTo(new Deny(DenyReason.PURPOSE_NOT_ALLOWED));
  }

  @Test
  void read_managerPersonOfOtherOrganization_deniesNoRelationship() {
    for (Facts facts : new Facts[] {Facts.NONE, REFERRED_ONLY, STALE_CASELOAD}) {
      assertThat(decide(agencyManager(), Action.READ, facts, Purpose.REVIEW, JUSTIFIED))
          .isEqualTo(new Deny(DenyReason.NO_RELATIONSHIP));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Action.class,
      names = {"READ", "SEARCH"})
  void act_managerForReviewPersonOfItsOrganization_allowsReviewFieldsNirMasked(Action action) {
    Decision decision = decide(agencyManager(), action, ORGANIZATION_ONLY, Purpose.REVIEW, NONE);

    Map<PersonField, Visibility> expected = clear(AccessPolicy.REVIEW_FIELDS);
    expected.put(PersonField.NIR, Visibility.MASKED);
    assertThat(decision).isEqualTo(new Allow(expected, Basis.REVIEW));
    assertThat(((Allow) decision).fields())
        .doesNotContainKeys(
            PersonField.EMAIL, PersonField.PHONE, PersonField.ADDRESS, PersonField.BIRTH_PLACE);
  }

  @Test
  void update_managerForReview_deniesAction() {
    assertThat(decide(agencyManager(), Action.UPDATE, ORGANIZATION_ONLY, Purpose.REVIEW, NONE))
        .isEqualTo(new Deny(DenyReason.ACTION_NOT_ALLOWED));
  }

  @Test
  void read_managerOfSubcontractor_deniesOrganization() {
    Actor manager = actor(Role.MANAGER, OrganizationKind.SUBCONTRACTOR);

    assertThat(decide(manager, Action.READ, ORGANIZATION_ONLY, Purpose.REVIEW, NONE))
        .isEqualTo(new Deny(DenyReason.ORGANIZATION_NOT_ALLOWED));
  }

  // Roles that read no person on this path, whatever the relationship.

  @ParameterizedTest
  @MethodSource("rolesWithoutPersonsAndKinds")
  void decide_roleWithoutPersonAccess_deniesEverything(Role role, OrganizationKind kind) {
    Actor actor = actor(role, kind);

    for (Action action : Action.values()) {
      for (Purpose purpose : Purpose.values()) {
        if (role == Role.SUBCONTRACTOR_OPERATOR && purpose == Purpose.EXCHANGE) {
          continue; // its one purpose, allowed and denied case by case in ExchangePolicyTest
        }
        for (Facts facts : everyFacts()) {
          assertThat(decide(actor, action, facts, purpose, JUSTIFIED))
              .isEqualTo(new Deny(DenyReason.ROLE_NOT_ALLOWED));
        }
      }
    }
  }

  // A restricted account (recovery period) reads nothing.

  @ParameterizedTest
  @MethodSource("everyRoleAndKind")
  void decide_restrictedActor_deniesEverything(Role role, OrganizationKind kind) {
    Actor actor = Actors.restricted(role, kind);

    for (Action action : Action.values()) {
      for (Purpose purpose : Purpose.values()) {
        for (Facts facts : everyFacts()) {
          assertThat(decide(actor, action, facts, purpose, JUSTIFIED))
              .isEqualTo(new Deny(DenyReason.ACCOUNT_RESTRICTED));
        }
      }
    }
  }

  // Properties over every input.

  @Test
  void action_values_offerNoListingOrExport() {
    assertThat(Action.values()).containsExactly(Action.READ, Action.UPDATE, Action.SEARCH);
  }

  @ParameterizedTest
  @MethodSource("everyRoleAndKind")
  void decide_anyInput_allowsOnlyOnARelationshipAndNirClearOnlyInCaseloadCheck(
      Role role, OrganizationKind kind) {
    Actor actor = actor(role, kind);
    for (Action action : Action.values()) {
      for (Purpose purpose : Purpose.values()) {
        for (Facts facts : everyFacts()) {
          for (Optional<Justification> justification : List.of(NONE, JUSTIFIED)) {
            if (decide(actor, action, facts, purpose, justification) instanceof Allow allow) {
              assertThat(facts.followedByOrganization() || facts.referredToOrganization()).isTrue();
              boolean nirClear = allow.clear(PersonField.NIR);
              assertThat(nirClear)
                  .isEqualTo(
                      kind == OrganizationKind.FRANCE_TRAVAIL_AGENCY
                          && allow.basis() == Basis.CASELOAD
                          && purpose == Purpose.REGISTRATION_CHECK);
            }
          }
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("everyRoleAndKind")
  void search_anyInput_answersAsAnUnjustifiedReadWould(Role role, OrganizationKind kind) {
    Actor actor = actor(role, kind);
    for (Purpose purpose : Purpose.values()) {
      for (Facts facts : everyFacts()) {
        Decision read = decide(actor, Action.READ, facts, purpose, NONE);
        Decision search = decide(actor, Action.SEARCH, facts, purpose, JUSTIFIED);

        if (read instanceof Allow) {
          assertThat(search).isEqualTo(read);
        } else {
          assertThat(search).isInstanceOf(Deny.class);
        }
      }
    }
  }

  private static Decision decide(
      Actor actor,
      Action action,
      Facts facts,
      Purpose purpose,
      Optional<Justification> justification) {
    return AccessPolicy.decide(actor, action, facts, purpose, justification);
  }

  private static Map<PersonField, Visibility> clear(Set<PersonField> fields) {
    Map<PersonField, Visibility> map = new EnumMap<>(PersonField.class);
    fields.forEach(field -> map.put(field, Visibility.CLEAR));
    return map;
  }

  static Facts[] everyFacts() {
    Facts[] all = new Facts[8];
    for (int bits = 0; bits < 8; bits++) {
      all[bits] = Fact.fromBits(bits);
    }
    return all;
  }

  static Stream<Arguments> partnersAndActions() {
    return Stream.of(OrganizationKind.CAP_EMPLOI, OrganizationKind.MISSION_LOCALE)
        .flatMap(kind -> Stream.of(Action.values()).map(action -> Arguments.of(kind, action)));
  }

  static Stream<Arguments> rolesWithoutPersonsAndKinds() {
    return Stream.of(
            Role.SECURITY_ANALYST,
            Role.DPO,
            Role.HELPDESK,
            Role.ADMINISTRATOR,
            Role.SUBCONTRACTOR_OPERATOR)
        .flatMap(
            role -> Stream.of(OrganizationKind.values()).map(kind -> Arguments.of(role, kind)));
  }

  static Stream<Arguments> everyRoleAndKind() {
    return Stream.of(Role.values())
        .flatMap(
            role -> Stream.of(OrganizationKind.values()).map(kind -> Arguments.of(role, kind)));
  }
}
