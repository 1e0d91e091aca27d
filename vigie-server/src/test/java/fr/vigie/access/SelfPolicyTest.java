package fr.vigie.access;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.registry.PersonField;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a person sees of their own file, and how a sign-in's pivot identity is compared. */
class SelfPolicyTest {
  @Test
  void self_everyFieldWithNirMasked_article15_nirInClear() {
    Map<PersonField, Visibility> screen = SelfPolicy.fields(Purpose.SELF);
    Map<PersonField, Visibility> copy = SelfPolicy.fields(Purpose.ARTICLE_15);

    assertThat(screen).containsOnlyKeys(PersonField.values());
    assertThat(screen.get(PersonField.NIR)).isEqualTo(Visibility.MASKED);
    assertThat(screen.get(PersonField.EMAIL)).isEqualTo(Visibility.CLEAR);
    assertThat(copy.values()).containsOnly(Visibility.CLEAR);
  }

  @Test
  void staffPurposes_areNoPersons() {
    for (Purpose purpose :
        new Purpose[] {
          Purpose.FOLLOW_UP,
          Purpose.REGISTRATION_CHECK,
          Purpose.REVIEW,
          Purpose.INCIDENT_RESPONSE,
          Purpose.EXCHANGE
        }) {
      assertThat(SelfPolicy.fields(purpose)).as(purpose.name()).isNull();
    }
  }

  @Test
  void pivot_sameFirstNameSexAndPlace_accentsAndCaseAside_matches() {
    assertThat(new Pivot("hélène", "F", "69123").matches(register("Helene Marie", "F", "69123")))
        .isTrue();
  }

  @Test
  void pivot_anyPartDisagreeing_doesNotMatch() {
    Map<PersonField, String> register = register("Camille", "F", "69123");

    assertThat(new Pivot("Dominique", "F", "69123").matches(register)).isFalse();
    assertThat(new Pivot("Camille", "M", "69123").matches(register)).isFalse();
    assertThat(new Pivot("Camille", "F", "75056").matches(register)).isFalse();
    assertThat(new Pivot("", "F", "69123").matches(register)).isFalse();
  }

  @Test
  void pivot_bornAbroad_matchesOnlyARegisterPlaceCodedAbroad() {
    assertThat(new Pivot("Camille", "F", "").matches(register("Camille", "F", "99134"))).isTrue();
    assertThat(new Pivot("Camille", "F", "").matches(register("Camille", "F", "69123"))).isFalse();
  }

  @Test
  void pivot_toString_namesNoValue() {
    assertThat(new Pivot("Camille", "F", "69123").toString()).doesNotContain("Camille", "69123");
  }

  private static Map<PersonField, String> register(String firstNames, String sex, String place) {
    Map<PersonField, String> fields = new EnumMap<>(PersonField.class);
    fields.put(PersonField.FIRST_NAMES, firstNames);
    fields.put(PersonField.SEX, sex);
    fields.put(PersonField.BIRTH_PLACE, place);
    return fields;
  }
}
