package fr.vigie.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.registry.PersonField;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionTest {
  @Test
  void allow_noField_isRefused() {
    assertThatThrownBy(() -> new Decision.Allow(Map.of(), Basis.CASELOAD))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void allow_mapChangedAfterwards_keepsWhatWasDecided() {
    Map<PersonField, Visibility> fields = new EnumMap<>(PersonField.class);
    fields.put(PersonField.IDENTIFIER, Visibility.CLEAR);
    Decision.Allow allow = new Decision.Allow(fields, Basis.REFERRAL);

    fields.put(PersonField.NIR, Visibility.CLEAR);

    assertThat(allow.fields()).containsOnlyKeys(PersonField.IDENTIFIER);
    assertThatThrownBy(() -> allow.fields().put(PersonField.NIR, Visibility.CLEAR))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
