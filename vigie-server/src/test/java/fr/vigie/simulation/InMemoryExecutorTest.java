package fr.vigie.simulation;

import static fr.vigie.identity.ContainmentState.STEP_UP;
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

  /** Three advisors of one France Travail organization. */
  private List<SimulatedAccount> threeOfOneAgency() {
    Map<String, SyntheticOrganization> orgs =
        agency.organizations().stream()
            .collect(Collectors.toMap(SyntheticOrganization::code, Function.identity()));
    Map<String, List<SimulatedAccount>> byOrganization = new java.util.HashMap<>();
    for (int i = 0; i < agency.advisors().size(); i++) {
      SyntheticAdvisor advisor = agency.advisors().get(i);
      SyntheticOrganization org = orgs.get(advisor.organization());
      if (org.kind() != OrganizationKind.FRANCE_TRAVAIL_AGENCY) {
        continue;
      }
      List<SimulatedAccount> same =
          byOrganization.computeIfAbsent(org.code(), k -> new ArrayList<>());
      same.add(new SimulatedAccount(i, register.accountId(i), advisor, org));
      if (same.size() == 3) {
        return same;
      }
    }
    throw new AssertionError("no agency with three advisors");
  }

  /** A person of the organization none of {@code accounts} follows. */
  private long nobodysPerson(List<SimulatedAccount> accounts) {
    SyntheticOrganization org = accounts.get(0).organization();
    for (long p = org.firstPerson(); p < org.firstPerson() + org.persons(); p++) {
      long person = p;
      if (accounts.stream()
          .noneMatch(
              a ->
                  person >= a.advisor().firstPerson()
                      && person < a.advisor().firstPerson() + a.advisor().caseloadSize())) {
        return person;
      }
    }
    throw new AssertionError("no person outside the three caseloads");
  }

  /**
   * The owner's PC and the thief's device, both on the office network, each first used on Monday:
   * on Tuesday neither is new any more, and each has its session.
   */
  private void twoSessionsSinceMonday(SimulatedAccount owner) {
    long own = owner.advisor().firstPerson();
    Instant monday = TUESDAY.minus(Duration.ofHours(26));
    assertThat(executor.execute(owner, thiefs(monday, own))).isEqualTo(Outcome.DISCLOSED);
    assertThat(executor.execute(owner, read(monday.plusSeconds(3600), own + 1, false)))
        .isEqualTo(Outcome.DISCLOSED);
  }

  private static SimulatedAccess thiefs(Instant at, long person) {
    return new SimulatedAccess(at, Action.READ, person, false, "stranger", "office");
  }

  /** Three unlinked accounts read the same person: each must step up ({@code shared-persons}). */
  private void sharedPerson(List<SimulatedAccount> three) {
    long shared = nobodysPerson(three);
    for (int i = 0; i < 3; i++) {
      executor.execute(three.get(i), read(TUESDAY.plusSeconds(60L * (i + 1)), shared, true));
    }
    assertThat(raised).containsExactly(STEP_UP, STEP_UP, STEP_UP);
  }

  @Test
  void stepUpAnsweredByTheOwnersSession_theThiefsSessionStaysHeld() {
    List<SimulatedAccount> three = threeOfOneAgency();
    SimulatedAccount owner = three.get(0);
    long own = owner.advisor().firstPerson();
    twoSessionsSinceMonday(owner);
    sharedPerson(three);

    SimulatedAccess ownersNext = read(TUESDAY.plusSeconds(600), own + 2, false);
    assertThat(executor.execute(owner, ownersNext)).isEqualTo(Outcome.STEP_UP);
    executor.stepUp(owner, ownersNext);

    assertThat(executor.execute(owner, read(TUESDAY.plusSeconds(601), own + 2, false)))
        .isEqualTo(Outcome.DISCLOSED);
    SimulatedAccess thiefsNext = thiefs(TUESDAY.plusSeconds(660), own + 3);
    assertThat(executor.execute(owner, thiefsNext)).isEqualTo(Outcome.STEP_UP);
    assertThat(executor.execute(owner, read(TUESDAY.plusSeconds(700), own + 4, false)))
        .isEqualTo(Outcome.DISCLOSED);
    assertThat(executor.execute(owner, thiefs(TUESDAY.plusSeconds(760), own + 3)))
        .isEqualTo(Outcome.STEP_UP);

    // A thief holding the second factor answers for its own session and goes on.
    executor.stepUp(owner, thiefsNext);
    assertThat(executor.execute(owner, thiefs(TUESDAY.plusSeconds(820), own + 3)))
        .isEqualTo(Outcome.DISCLOSED);
  }

  @Test
  void stepUp_afterAnAnalystsRelease_holdsNoSession() {
    List<SimulatedAccount> three = threeOfOneAgency();
    SimulatedAccount owner = three.get(0);
    long own = owner.advisor().firstPerson();
    twoSessionsSinceMonday(owner);
    sharedPerson(three);
    SimulatedAccess ownersNext = read(TUESDAY.plusSeconds(600), own + 2, false);
    assertThat(executor.execute(owner, ownersNext)).isEqualTo(Outcome.STEP_UP);
    executor.stepUp(owner, ownersNext);
    assertThat(executor.execute(owner, thiefs(TUESDAY.plusSeconds(620), own + 3)))
        .isEqualTo(Outcome.STEP_UP);

    executor.release(owner, TUESDAY.plusSeconds(650));

    assertThat(executor.execute(owner, thiefs(TUESDAY.plusSeconds(660), own + 3)))
        .isEqualTo(Outcome.DISCLOSED);
  }
}
