package fr.vigie.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PersonIdTest {

  @Test
  void newId_isUuidVersion7Variant2() {
    UUID id = PersonId.newId().value();

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void newId_startsWithCurrentMilliseconds() {
    long before = System.currentTimeMillis();
    UUID id = PersonId.newId().value();
    long after = System.currentTimeMillis();

    assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
  }

  @Test
  void newId_callsAFewMillisecondsApart_areTimeOrdered() throws InterruptedException {
    List<PersonId> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(PersonId.newId());
      Thread.sleep(3);
    }

    assertThat(ids).extracting(PersonId::value).isSortedAccordingTo(Comparator.naturalOrder());
    // PostgreSQL orders uuid by unsigned bytes, which is the order of the text form.
    assertThat(ids).extracting(PersonId::toString).isSortedAccordingTo(Comparator.naturalOrder());
  }

  @Test
  void newId_100kCalls_areUniqueAndAllVersion7() {
    int count = 100_000;
    Set<UUID> ids = new HashSet<>(2 * count);
    for (int i = 0; i < count; i++) {
      UUID id = PersonId.newId().value();
      assertThat(id.version() == 7 && id.variant() == 2).as("id %s is v7/variant 2", id).isTrue();
      ids.add(id);
    }

    assertThat(ids).hasSize(count);
  }

  @Test
  void parse_textForm_roundTrips() {
    PersonId id = PersonId.newId();

    assertThat(PersonId.parse(id.toString())).isEqualTo(id);
  }

  @Test
  void parse_notAUuid_isRejected() {
    assertThatThrownBy(() -> PersonId.parse("not-a-uuid"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void new_null_isRejected() {
    assertThatThrownBy(() -> new PersonId(null)).isInstanceOf(NullPointerException.class);
  }
}
