package fr.vigie.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import fr.vigie.identity.OrganizationKind;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.RegistrationCategory;
import fr.vigie.registry.Sex;
import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SyntheticAgencyPersonsTest {
  private static final int PERSONS = 200_000;
  private static final SyntheticAgency AGENCY = SyntheticAgency.generate(PERSONS, 11);
  private static final LocalDate AS_OF = AGENCY.shape().asOf();

  /** Every fourth person: all organizations, few enough to hold in memory for the shares. */
  private static final List<PersonRecord> SAMPLE =
      LongStream.range(0, PERSONS).filter(i -> i % 4 == 0).mapToObj(AGENCY::person).toList();

  private static final Pattern BIRTH_PLACE =
      Pattern.compile(
          "(0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B)[0-9]{3}|97[1-6][0-9]{2}|99[0-9]{3}");
  private static final Pattern EMAIL = Pattern.compile("[a-z0-9][a-z0-9._-]*@[a-z]+\\.[a-z]+");
  private static final Pattern PHONE = Pattern.compile("0[67]( [0-9]{2}){4}");

  @Test
  void persons_nir_isValidAndAgreesWithSexBirthDateAndBirthPlace() {
    AGENCY
        .persons()
        .forEach(
            person -> {
              assertThat(person.nir().inconsistencyWith(person.sex(), person.birthDate()))
                  .isEmpty();
              assertThat(person.nir().value().charAt(0))
                  .isEqualTo(person.sex() == Sex.MALE ? '1' : '2');
              assertThat(person.nir().value().substring(3, 5))
                  .isEqualTo(Text.zeroPadded(person.birthDate().getMonthValue(), 2));
              assertThat(person.nir().value().substring(5, 10)).isEqualTo(person.birthPlace());
              assertThat(person.birthPlace()).matches(BIRTH_PLACE);
              assertThat(person.nir().value().substring(10, 13)).isNotEqualTo("000");
            });
  }

  @Test
  void persons_identifiers_areUniqueElevenDigits() {
    long[] identifiers =
        AGENCY.persons().mapToLong(person -> Long.parseLong(person.identifier().value())).toArray();
    Arrays.sort(identifiers);

    for (int i = 1; i < identifiers.length; i++) {
      assertThat(identifiers[i]).isNotEqualTo(identifiers[i - 1]);
    }
    assertThat(identifiers[0]).isGreaterThanOrEqualTo(10_000_000_000L);
    assertThat(identifiers[identifiers.length - 1]).isLessThan(100_000_000_000L);
  }

  @Test
  void persons_dates_agreeWithAgesAndEachOther() {
    AGENCY
        .persons()
        .forEach(
            person -> {
              int age = Period.between(person.birthDate(), AS_OF).getYears();
              assertThat(age).isBetween(16, 66);
              assertThat(person.registeredOn())
                  .isAfterOrEqualTo(person.birthDate().plusYears(16))
                  .isBeforeOrEqualTo(AS_OF);
              if (person.leftOn() != null) {
                assertThat(person.leftOn()).isAfter(person.registeredOn()).isBeforeOrEqualTo(AS_OF);
              }
            });
  }

  @Test
  void persons_ofMissionsLocales_areAged16To25() {
    List<PersonRecord> young =
        SAMPLE.stream().filter(person -> person.organization().startsWith("ML-")).toList();

    assertThat(young).hasSizeGreaterThan(SAMPLE.size() / 20);
    assertThat(young)
        .allSatisfy(
            person ->
                assertThat(Period.between(person.birthDate(), AS_OF).getYears()).isBetween(16, 25));
  }

  @Test
  void persons_leavers_areAbout15PercentWithSomePastTheRetentionPeriod() {
    LocalDate retention = AS_OF.minusYears(20);

    assertThat(share(person -> person.leftOn() != null)).isCloseTo(0.15, within(0.02));
    assertThat(share(person -> person.leftOn() != null && person.leftOn().isBefore(retention)))
        .isBetween(0.01, 0.05);
  }

  @Test
  void persons_distributions_followTheDocumentedShares() {
    assertThat(share(person -> person.email() != null)).isCloseTo(0.90, within(0.01));
    assertThat(share(person -> person.phone() != null)).isCloseTo(0.95, within(0.01));
    assertThat(share(person -> person.birthPlace().startsWith("99"))).isCloseTo(0.08, within(0.01));
    assertThat(share(person -> person.sex() == Sex.FEMALE)).isCloseTo(0.5, within(0.01));
    assertThat(share(person -> person.category() == RegistrationCategory.A))
        .isCloseTo(0.5, within(0.02));
    double women = share(person -> person.sex() == Sex.FEMALE);
    double womenWithUsualName =
        share(person -> person.sex() == Sex.FEMALE && person.usualName() != null);
    assertThat(womenWithUsualName / women).isCloseTo(1 / 3.0, within(0.05));
    assertThat(share(person -> person.sex() == Sex.MALE && person.usualName() != null)).isZero();
  }

  @Test
  void persons_contacts_areWellFormed() {
    SAMPLE.forEach(
        person -> {
          if (person.email() != null) {
            assertThat(person.email()).matches(EMAIL);
          }
          if (person.phone() != null) {
            assertThat(person.phone()).matches(PHONE);
          }
          assertThat(person.address()).matches("[0-9]{1,3} [^,]+, [0-9]{5} .+");
          assertThat(person.firstNames().split(", ")).hasSizeBetween(1, 3);
        });
  }

  @Test
  void person_organization_isTheOrganizationThatFollowsItsIndex() {
    for (long i = 0; i < PERSONS; i += 997) {
      SyntheticOrganization organization = AGENCY.organizationOf(i);
      assertThat(AGENCY.person(i).organization()).isEqualTo(organization.code());
      assertThat(organization.follows(i)).isTrue();
    }
    assertThat(AGENCY.organizations())
        .extracting(SyntheticOrganization::kind)
        .contains(
            OrganizationKind.FRANCE_TRAVAIL_AGENCY,
            OrganizationKind.CAP_EMPLOI,
            OrganizationKind.MISSION_LOCALE);
  }

  @Test
  void toString_ofAgencyAndPerson_showsNoPersonalData() {
    PersonRecord person = AGENCY.person(12_345);
    String texts =
        AGENCY
            + " "
            + person
            + " "
            + AGENCY.organizationOf(12_345)
            + " "
            + AGENCY.advisorOf(12_345);

    assertThat(texts)
        .doesNotContain(person.nir().value())
        .doesNotContain(person.identifier().value())
        .doesNotContain(person.birthName())
        .doesNotContain(person.firstNames())
        .doesNotContain(person.birthDate().toString())
        .doesNotContain(person.address());
  }

  @Test
  void person_indexOutsideTheAgency_isRejected() {
    assertThatThrownBy(() -> AGENCY.person(PERSONS)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> AGENCY.person(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> AGENCY.advisorOf(PERSONS))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void shape_countOutsideBounds_isRejected() {
    assertThatThrownBy(() -> AgencyShape.of(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AgencyShape.of(-5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AgencyShape.of(AgencyShape.MAX_PERSONS + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double share(Predicate<PersonRecord> condition) {
    return SAMPLE.stream().filter(condition).count() / (double) SAMPLE.size();
  }
}
