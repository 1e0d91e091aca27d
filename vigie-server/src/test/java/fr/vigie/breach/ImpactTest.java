package fr.vigie.breach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.VigieException;
import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.identity.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ImpactTest {
  private static final Instant T0 = Instant.parse("2024-02-06T18:00:00Z");
  private static final String THIEF = UUID.randomUUID().toString();
  private static final String ORG = UUID.randomUUID().toString();
  private static final String PERSON = UUID.randomUUID().toString();

  @Test
  void add_allowedRead_countsItsFields() {
    Impact impact = new Impact(List.of());

    impact.add(event(AuditAction.READ, AuditDecision.ALLOW, List.of("email", "nir"), T0));
    impact.add(
        event(AuditAction.READ, AuditDecision.JUSTIFIED, List.of("phone"), T0.plusSeconds(9)));

    Impact.Touch touch = impact.persons().get(UUID.fromString(PERSON));
    assertThat(touch.fields).containsExactly("email", "nir", "phone");
    assertThat(touch.first).isEqualTo(T0);
    assertThat(touch.last).isEqualTo(T0.plusSeconds(9));
    assertThat(touch.reads).isEqualTo(2);
  }

  @Test
  void add_refusedRead_countsNothing() {
    Impact impact = new Impact(List.of());

    impact.add(event(AuditAction.READ, AuditDecision.DENY, List.of("email"), T0));

    assertThat(impact.persons()).isEmpty();
  }

  @Test
  void add_searchOrUpdate_countsNothing() {
    Impact impact = new Impact(List.of());

    impact.add(event(AuditAction.SEARCH, AuditDecision.ALLOW, List.of("nir_exact"), T0));
    impact.add(event(AuditAction.UPDATE, AuditDecision.ALLOW, List.of("email"), T0));

    assertThat(impact.persons()).isEmpty();
  }

  @Test
  void add_readAnEarlierScopeCovered_isNotCountedTwice() {
    Scope earlier =
        Scope.ofAccounts(Set.of(new AccountId(UUID.fromString(THIEF))), T0, T0.plusSeconds(60));
    Impact impact = new Impact(List.of(earlier));

    impact.add(event(AuditAction.READ, AuditDecision.ALLOW, List.of("email"), T0.plusSeconds(30)));
    impact.add(event(AuditAction.READ, AuditDecision.ALLOW, List.of("nir"), T0.plusSeconds(90)));

    assertThat(impact.persons().get(UUID.fromString(PERSON)).fields).containsExactly("nir");
  }

  @Test
  void scope_windowEndingBeforeItStarts_isRefused() {
    assertThatThrownBy(
            () ->
                Scope.ofAccounts(Set.of(new AccountId(UUID.randomUUID())), T0, T0.minusSeconds(1)))
        .isInstanceOf(VigieException.class)
        .hasMessage("to: before from");
  }

  @Test
  void scope_withoutAccounts_isRefused() {
    assertThatThrownBy(() -> Scope.ofAccounts(Set.of(), T0, T0.plusSeconds(1)))
        .isInstanceOf(VigieException.class);
  }

  private static AuditEvent event(
      AuditAction action, AuditDecision decision, List<String> fields, Instant at) {
    return new AuditEvent(at, THIEF, action, PERSON, fields, "FOLLOW_UP", decision, null, ORG);
  }
}
