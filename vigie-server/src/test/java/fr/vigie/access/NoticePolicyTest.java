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

/** The policy of article 34 notices: the DPO, the contact of a person whose notice is claimed. */
class NoticePolicyTest {
  private static final Facts DUE = new Facts(false, false, false, false, false, true);
  private static final Actor DPO = actor(Role.DPO, OrganizationKind.FRANCE_TRAVAIL_AGENCY);

  private static Decision decide(Actor actor, Action action, Facts facts, Purpose purpose) {
    return AccessPolicy.decide(actor, action, facts, purpose, Optional.empty());
  }

  @Test
  void read_noticeDue_allowsTheContactFieldsOnlyInClear() {
    Decision decision = decide(DPO, Action.READ, DUE, Purpose.BREACH_NOTICE);

    assertThat(decision).isInstanceOf(Allow.class);
    Allow allow = (Allow) decision;
    assertThat(allow.fields().keySet())
        .isEqualTo(
            EnumSet.of(
                PersonField.BIRTH_NAME,
                PersonField.USUAL_NAME,
                PersonField.FIRST_NAMES,
                PersonField.EMAIL,
                PersonField.ADDRESS));
    assertThat(allow.fields().keySet()).allMatch(allow::clear);
    assertThat(allow.basis()).isEqualTo(Basis.NOTICE);
  }

  @Test
  void read_noNoticeDue_isRefused() {
    assertThat(decide(DPO, Action.READ, Facts.NONE, Purpose.BREACH_NOTICE))
        .isEqualTo(new Deny(DenyReason.ROLE_NOT_ALLOWED));
    assertThat(
            decide(
                DPO,
                Action.READ,
                new Facts(true, true, true, true, false, false),
                Purpose.BREACH_NOTICE))
        .isEqualTo(new Deny(DenyReason.ROLE_NOT_ALLOWED));
  }

  @Test
  void searchOrUpdate_noticeDue_isRefused() {
    assertThat(decide(DPO, Action.SEARCH, DUE, Purpose.BREACH_NOTICE))
        .isEqualTo(new Deny(DenyReason.ROLE_NOT_ALLOWED));
    assertThat(decide(DPO, Action.UPDATE, DUE, Purpose.BREACH_NOTICE))
        .isEqualTo(new Deny(DenyReason.ROLE_NOT_ALLOWED));
  }

  @ParameterizedTest
  @EnumSource(
      value = Purpose.class,
      mode = EnumSource.Mode.EXCLUDE,
      names = {"BREACH_NOTICE"})
  void read_noticeDueForAnotherPurpose_isRefused(Purpose purpose) {
    assertThat(decide(DPO, Action.READ, DUE, purpose))
        .isEqualTo(new Deny(DenyReason.ROLE_NOT_ALLOWED));
  }

  @Test
  void read_byADpoOfAPartner_isRefused() {
    Actor partnerDpo = actor(Role.DPO, OrganizationKind.CAP_EMPLOI);

    assertThat(decide(partnerDpo, Action.READ, DUE, Purpose.BREACH_NOTICE))
        .isEqualTo(new Deny(DenyReason.ROLE_NOT_ALLOWED));
  }

  @ParameterizedTest
  @EnumSource(
      value = Role.class,
      mode = EnumSource.Mode.EXCLUDE,
      names = {"DPO"})
  void read_noticeDueByAnotherRole_isRefused(Role role) {
    for (OrganizationKind kind : OrganizationKind.values()) {
      Facts dueAndFollowed = new Facts(true, true, true, true, false, true);
      assertThat(decide(actor(role, kind), Action.READ, dueAndFollowed, Purpose.BREACH_NOTICE))
          .as(role + " of " + kind)
          .isInstanceOf(Deny.class);
    }
  }

  @Test
  void read_restrictedDpo_isRefused() {
    Actor restricted = Actors.restricted(Role.DPO, OrganizationKind.FRANCE_TRAVAIL_AGENCY);

    assertThat(decide(restricted, Action.READ, DUE, Purpose.BREACH_NOTICE))
        .isEqualTo(new Deny(DenyReason.ACCOUNT_RESTRICTED));
  }
}
