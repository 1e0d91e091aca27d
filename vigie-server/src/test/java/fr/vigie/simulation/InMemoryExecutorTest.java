package fr.vigie.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.access.Action;
import fr.vigie.detection.Detection;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.OrganizationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InMemoryExecutorTest {
  /** A Tuesday, 10:00 in Paris. */
  private static final Instant TUESDAY = Instant.parse("2026-11-17T09:00:00Z");

  private final SyntheticAgency agency = SyntheticAgency.generate(20_000, 7);
  private final Register register = new Register(agency);
  private final List<ContainmentState> raised = new ArrayList<>();
  private final List<String> reasons = new ArrayList<>();
  private final InMemoryExecutor executor =
      new InMemoryExecutor(
          register,
          Detection::withDefaults,
          new ContainmentListener() {
            @Override
            public void raised(
                SimulatedAccount account,
                ContainmentState state,
                Instant at,
                List<String> detectors) {
              raised.add(state);
              reasons.addAll(detectors);
            }

            @Override
            public void refused(SimulatedAccount account, Instant at, String ceiling) {}
          });

  private SimulatedAccount first(OrganizationKind kind) {
    Map<String, SyntheticOrganization> orgs =
        agency.organizations().stream()
            .collect(Collectors.toMap(SyntheticOrganization::code, Function.identity()));
    for (int i = 0; i < agency.advisors().size(); i++) {
      SyntheticAdvisor advisor = agency.advisors().get(i);
      SyntheticOrganization org = orgs.get(advisor.organization());
      if (org.kind() == kind) {
        return new SimulatedAccount(i, register.accountId(i), advisor, org);
      }
    }
    throw new AssertionError("no advisor of " + kind);
  }

  private static SimulatedAccess read(Instant at, long person, boolean justified) {
    return new SimulatedAccess(at, Action.READ, person, justified, "pc", "office");
  }

  @Test
  void partnerAdvisor_personOfAnotherOrganization_isDenied() {
    SimulatedAccount partner = first(OrganizationKind.CAP_EMPLOI);
    long stranger = partner.organization().firstPerson() + partner.organization().persons();
    if (stranger >= agency.personCount()) {
      stranger = 0;
    }

    assertThat(executor.execute(partner, read(TUESDAY, stranger, true))).isEqualTo(Outcome.DENIED);
    assertThat(executor.execute(partner, read(TUESDAY, partner.advisor().firstPerson(), false)))
        .isEqualTo(Outcome.DISCLOSED);
  }

  @Test
  void agencyAdvisor_outsideCaseload_needsAJustification() {
    SimulatedAccount advisor = first(OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    long outside = advisor.advisor().firstPerson() + advisor.advisor().caseloadSize();

    assertThat(executor.execute(advisor, read(TUESDAY, outside, false))).isEqualTo(Outcome.DENIED);
    assertThat(executor.execute(advisor, read(TUESDAY, outside, true)))
        .isEqualTo(Outcome.DISCLOSED);
  }

  @Test
  void recoveredAccount_readsNothingForADay() {
    SimulatedAccount partner = first(OrganizationKind.MISSION_LOCALE);
    executor.recovered(partner, TUESDAY);
    long own = partner.advisor().firstPerson();

    assertThat(executor.execute(partner, read(TUESDAY.plusSeconds(60), own, false)))
        .isEqualTo(Outcome.DENIED);
    assertThat(executor.execute(partner, read(TUESDAY.plus(Duration.ofHours(25)), own, false)))
        .isEqualTo(Outcome.DISCLOSED);
  }

  @Test
  void fastReader_isSuspendedAndThenGetsNothing() {
    SimulatedAccount advisor = first(OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    List<Outcome> outcomes = new ArrayList<>();
    for (int n = 0; n < 12; n++) {
      outcomes.add(
          executor.execute(
              advisor,
              read(TUESDAY.plusMillis(100L * n), advisor.advisor().firstPerson() + n, false)));
    }

    assertThat(outcomes.subList(0, 10)).containsOnly(Outcome.DISCLOSED);
    assertThat(outcomes.subList(10, 12)).containsOnly(Outcome.SUSPENDED);
    assertThat(raised).containsExactly(ContainmentState.SUSPENDED);
    assertThat(reasons).containsExactly("ceiling:burst");
  }

  @Test
  void searchForNobody_findsNothing() {
    SimulatedAccount advisor = first(OrganizationKind.FRANCE_TRAVAIL_AGENCY);

    Outcome outcome =
        executor.execute(
            advisor,
            new SimulatedAccess(TUESDAY, Action.SEARCH, SimulatedAccess.NOBODY, false, "pc", "o"));

    assertThat(outcome).isEqualTo(Outcome.NOTHING_FOUND);
  }
}
