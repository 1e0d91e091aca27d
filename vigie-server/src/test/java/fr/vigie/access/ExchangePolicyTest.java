package fr.vigie.access;

import static fr.vigie.access.Actors.actor;
import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.access.Decision.Allow;
import fr.vigie.access.Decision.Deny;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonField;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The policy of exchange batches: a subcontractor's operator, the persons referred to it. */
class ExchangePolicyTest {
  private static final Facts REFERRED = new Facts(false, false, true);
  private static final Actor OPERATOR =
      actor(Role.SUBCONTRACTOR_OPERATOR, OrganizationKind.SUBCONTRACTOR);

  private static Decision decide(Actor actor, Action action, Facts facts, Purpose purpose) {
    return AccessPolicy.decide(actor, action, facts, purpose, Optional.empty());
  }

  @Test
  void read_exchangeOfAReferredPerson_allowsNamesAndBirthDateWithTheNirMasked() {
    Decision decision = decide(OPERATOR, Action.READ, REFERRED, Purpose.EXCHANGE);

    assertThat(decision).isInstanceOf(Allow.class);
    Allow allow = (Allow) decision;
    assertThat(allow.fields().keySet())
        .isEqualTo(
            EnumSet.of(
                PersonField.BIRTH_NAME,
                PersonField.USUAL_NAME,
                PersonField.FIRST_NAMES,
                PersonField.BIRTH_DATE,
                PersonField.NIR));
    assertThat(allow.clear(PersonField.NIR)).isFalse();
    assertThat(allow.basis()).isEqualTo(Basis.REFERRAL);
  }

  @Test
  void read_exchangeOfAPersonNotReferred_deniesNoRelationship() {
    assertThat(decide(OPERATOR, Action.READ, new Facts(true, true, false), Purpose.EXCHANGE))
        .isEqualTo(new Deny(DenyReason.NO_RELATIONSHIP));
    assertThat(decide(OPERATOR, Action.READ, Facts.NONE, Purpose.EXCHANGE))
        .isEqualTo(new Deny(DenyReason.NO_RELATIONSHIP));
  }

  @Test
  void update_exchange_deniesActionNotAllowed() {
    assertThat(decide(OPERATOR, Action.UPDATE, REFERRED, Purpose.EXCHANGE))
        .isEqualTo(new Deny(DenyReason.ACTION_NOT_ALLOWED));
  }

  @ParameterizedTest
  @EnumSource(
      value = OrganizationKind.class,
      names = {"FRANCE_TRAVAIL_AGENCY", "CAP_EMPLOI", "MISSION_LOCALE"})
  void read_exchangeByAnOperatorOutsideASubcontractor_deniesOrganization(OrganizationKind kind) {
    assertThat(
            decide(
                actor(Role.SUBCONTRACTOR_OPERATOR, kind), Action.READ, REFERRED, Purpose.EXCHANGE))
        .isEqualTo(new Deny(DenyReason.ORGANIZATION_NOT_ALLOWED));
  }

  @ParameterizedTest
  @EnumSource(
      value = Purpose.class,
      names = {"EXCHANGE"},
      mode = EnumSource.Mode.EXCLUDE)
  void read_byAnOperatorForAnyOtherPurpose_deniesRole(Purpose purpose) {
    assertThat(decide(OPERATOR, Action.READ, REFERRED, purpose))
        .isEqualTo(new Deny(DenyReason.ROLE_NOT_ALLOWED));
  }

  @ParameterizedTest
  @EnumSource(
      value = Role.class,
      names = {"SUBCONTRACTOR_OPERATOR"},
      mode = EnumSource.Mode.EXCLUDE)
  void read_exchangeByAnyOtherRole_isDenied(Role role) {
    for (OrganizationKind kind : OrganizationKind.values()) {
      for (Facts facts :
          new Facts[] {REFERRED, new Facts(true, true, true), new Facts(false, true, true)}) {
        assertThat(decide(actor(role, kind), Action.READ, facts, Purpose.EXCHANGE))
            .isInstanceOf(Deny.class);
      }
    }
  }
}
