package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.registry.PersonId;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The persons an account read before: remembered, forgotten oldest first, written and read back.
 */
class ReadBeforeTest {
  private static PersonId person(int n) {
    return new PersonId(new UUID(0x0190_0000_7000_0000L, 0x8000_0000_0000_0000L | n));
  }

  @Test
  void aPersonReadOnce_isNoLongerNew() {
    ReadBefore read = new ReadBefore();

    assertThat(read.add(person(1))).isTrue();
    assertThat(read.add(person(1))).isFalse();
    assertThat(read.contains(person(1))).isTrue();
    assertThat(read.contains(person(2))).isFalse();
  }

  @Test
  void idsDifferingInTheirLastBitsOnly_areTold() {
    ReadBefore read = new ReadBefore();
    int kept = 0;
    for (int n = 0; n < 1000; n++) {
      if (read.add(person(n))) {
        kept++;
      }
    }

    assertThat(kept).isEqualTo(1000);
    assertThat(read.size()).isEqualTo(1000);
  }

  @Test
  void beyondTwoGenerations_theOldestAreForgotten_theLastGenerationAlwaysKept() {
    ReadBefore read = new ReadBefore();
    int total = 3 * ReadBefore.GENERATION + 10;
    for (int n = 0; n < total; n++) {
      read.add(person(n));
    }

    assertThat(read.contains(person(0))).isFalse();
    for (int n = total - ReadBefore.GENERATION; n < total; n++) {
      assertThat(read.contains(person(n))).as("person %d", n).isTrue();
    }
    assertThat(read.size()).isLessThanOrEqualTo(2 * ReadBefore.GENERATION);
  }

  @Test
  void aPersonReadAgain_movesToTheNewerGeneration_andOutlivesItsOldNeighbours() {
    ReadBefore read = new ReadBefore();
    read.add(person(-1));
    for (int n = 0; n < ReadBefore.GENERATION; n++) {
      read.add(person(n));
    }
    // person -1 is now in the older generation; read again, it moves to the newer one.
    assertThat(read.add(person(-1))).isFalse();
    for (int n = ReadBefore.GENERATION; n < 2 * ReadBefore.GENERATION + 5; n++) {
      read.add(person(n));
    }

    assertThat(read.contains(person(-1))).isTrue();
    assertThat(read.contains(person(1))).isFalse();
  }

  @Test
  void writtenAndReadBack_remembersTheSamePersons() {
    ReadBefore read = new ReadBefore();
    for (int n = 0; n < 2500; n++) {
      read.add(person(n));
    }

    ReadBefore back = ReadBefore.read(read.write());

    assertThat(back.size()).isEqualTo(read.size());
    assertThat(back.contains(person(2499))).isTrue();
    assertThat(back.contains(person(100))).isTrue();
    assertThat(back.contains(person(2500))).isFalse();
  }

  @Test
  void malformedText_isRefused() {
    assertThatThrownBy(() -> ReadBefore.read("not base64 !"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("read_before");
    assertThatThrownBy(() -> ReadBefore.read(Base64.getEncoder().encodeToString(new byte[3])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length");
    byte[] tooMany = new byte[4 * (2 * ReadBefore.GENERATION + 1)];
    assertThatThrownBy(() -> ReadBefore.read(Base64.getEncoder().encodeToString(tooMany)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
