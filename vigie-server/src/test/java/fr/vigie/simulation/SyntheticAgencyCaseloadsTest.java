package fr.vigie.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.vigie.identity.OrganizationKind;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticAgencyCaseloadsTest {
  /** The national register: organizations and advisors only, persons are never generated here. */
  private static final SyntheticAgency NATIONAL = SyntheticAgency.generate(6_400_000, 3);

  @Test
  void organizations_atNationalScale_matchTheNationalCounts() {
    Map<OrganizationKind, Long> counts =
        NATIONAL.organizations().stream()
            .collect(Collectors.groupingBy(SyntheticOrganization::kind, Collectors.counting()));

    assertThat(counts)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                OrganizationKind.FRANCE_TRAVAIL_AGENCY, 900L,
                OrganizationKind.CAP_EMPLOI, 98L,
                OrganizationKind.MISSION_LOCALE, 440L));
    assertThat(NATIONAL.organizations())
        .extracting(SyntheticOrganization::code)
        .contains("FT-00001", "FT-00900", "CE-001", "CE-098", "ML-0001", "ML-0440")
        .doesNotHaveDuplicates();
    assertThat(NATIONAL.organizations())
        .extracting(SyntheticOrganization::name)
        .doesNotHaveDuplicates();
  }

  @Test
  void advisors_caseloadSizes_stayWithinTheBoundsOfTheirKind() {
    assertThat(NATIONAL.advisors())
        .allSatisfy(
            advisor ->
                assertThat(advisor.caseloadSize())
                    .isBetween(advisor.caseload().minPersons(), advisor.caseload().maxPersons()));
    assertThat(CaseloadKind.INTENSIVE.maxPersons()).isEqualTo(70);
    assertThat(CaseloadKind.GUIDED.minPersons()).isEqualTo(100);
    assertThat(CaseloadKind.GUIDED.maxPersons()).isEqualTo(150);
    assertThat(CaseloadKind.LIGHT.minPersons()).isEqualTo(200);
    assertThat(CaseloadKind.LIGHT.maxPersons()).isEqualTo(350);
  }

  @Test
  void advisors_ofFranceTravail_followAbout250PersonsAndAbout1In200IsOverloaded() {
    List<SyntheticAdvisor> franceTravail =
        NATIONAL.advisors().stream().filter(advisor -> advisor.login().startsWith("ft")).toList();

    double average =
        franceTravail.stream().mapToInt(SyntheticAdvisor::caseloadSize).average().orElseThrow();
    double overloaded =
        franceTravail.stream().filter(a -> a.caseload() == CaseloadKind.OVERLOADED).count()
            / (double) franceTravail.size();
    assertThat(average).isCloseTo(250, within(15.0));
    assertThat(overloaded).isCloseTo(0.005, within(0.002));
  }

  @Test
  void advisors_ofPartners_haveIntensiveOrGuidedCaseloads() {
    assertThat(NATIONAL.advisors())
        .filteredOn(advisor -> !advisor.login().startsWith("ft"))
        .isNotEmpty()
        .allSatisfy(
            advisor ->
                assertThat(advisor.caseload()).isIn(CaseloadKind.INTENSIVE, CaseloadKind.GUIDED));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 7, 71, 150, 1_000, 25_000, 6_400_000})
  void advisors_caseloads_coverEveryPersonOnceWithinTheirOrganization(long persons) {
    SyntheticAgency agency = SyntheticAgency.generate(persons, persons);
    Map<String, SyntheticOrganization> organizations =
        agency.organizations().stream()
            .collect(Collectors.toMap(SyntheticOrganization::code, Function.identity()));

    long next = 0;
    Set<String> logins = new HashSet<>();
    for (SyntheticAdvisor advisor : agency.advisors()) {
      assertThat(advisor.firstPerson()).isEqualTo(next);
      SyntheticOrganization organization = organizations.get(advisor.organization());
      assertThat(organization.follows(advisor.firstPerson())).isTrue();
      assertThat(organization.follows(advisor.firstPerson() + advisor.caseloadSize() - 1)).isTrue();
      assertThat(agency.advisorOf(advisor.firstPerson())).isEqualTo(advisor);
      assertThat(agency.advisorOf(next + advisor.caseloadSize() - 1)).isEqualTo(advisor);
      assertThat(logins.add(advisor.login())).isTrue();
      next += advisor.caseloadSize();
    }
    assertThat(next).isEqualTo(persons);
    assertThat(agency.organizations().stream().mapToLong(SyntheticOrganization::persons).sum())
        .isEqualTo(persons);
  }

  @Test
  void advisors_logins_nameTheirOrganization() {
    assertThat(NATIONAL.advisors())
        .allSatisfy(
            advisor ->
                assertThat(advisor.login())
                    .startsWith(
                        advisor.organization().replace("-", "").toLowerCase(Locale.ROOT) + "-a"));
    assertThat(NATIONAL.advisors().getFirst().login()).isEqualTo("ft00001-a001");
  }
}
