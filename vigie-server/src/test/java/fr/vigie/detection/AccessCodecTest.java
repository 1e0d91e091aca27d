package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessCodecTest {
  private static final AccountId ACCOUNT = new AccountId(UUID.randomUUID());
  private static final AccountProfile PROFILE =
      new AccountProfile(
          ACCOUNT,
          Role.ADVISOR,
          OrganizationKind.CAP_EMPLOI,
          Instant.parse("2026-01-02T03:04:05Z"));

  @Test
  void read_ofWritten_givesTheSameAccessAndProfile() {
    Access read =
        Access.of(
            ACCOUNT,
            Instant.parse("2026-03-04T10:11:12.345Z"),
            AccessKind.READ,
            new PersonId(UUID.randomUUID()),
            Link.OUTSIDE,
            "device-token",
            "network-token");

    AccessCodec.Event event = AccessCodec.read(AccessCodec.write(PROFILE, read));

    assertThat(event.access()).isEqualTo(read);
    assertThat(event.profile()).isEqualTo(PROFILE);
  }

  @Test
  void read_ofWrittenSearch_keepsNoPersonAndTheCount() {
    AccountProfile noRecovery =
        new AccountProfile(ACCOUNT, Role.MANAGER, OrganizationKind.MISSION_LOCALE, null);
    Access search = Access.search(ACCOUNT, Instant.now(), 7, "d", "n");

    AccessCodec.Event event = AccessCodec.read(AccessCodec.write(noRecovery, search));

    assertThat(event.access()).isEqualTo(search);
    assertThat(event.profile()).isEqualTo(noRecovery);
  }

  @Test
  void write_holdsOnlyPseudonymousIdsAndTokens() {
    PersonId person = new PersonId(UUID.randomUUID());
    String json =
        new String(
            AccessCodec.write(
                PROFILE,
                Access.of(
                    ACCOUNT, Instant.now(), AccessKind.UPDATE, person, Link.FOLLOWED, "d", "n")),
            StandardCharsets.UTF_8);

    assertThat(json)
        .contains(person.value().toString())
        .doesNotContainIgnoringCase("nir")
        .doesNotContainIgnoringCase("name");
  }

  @Test
  void read_ofAnUnknownKind_namesTheFieldNotTheValue() {
    String json =
        new String(
                AccessCodec.write(PROFILE, Access.search(ACCOUNT, Instant.now(), 0, "d", "n")),
                StandardCharsets.UTF_8)
            .replace("\"SEARCH\"", "\"java.lang.Runtime\"");

    assertThatThrownBy(() -> AccessCodec.read(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("access event: kind is not a known name");
  }

  @Test
  void read_ofNotJsonOrAnotherVersion_isRefused() {
    assertThatThrownBy(
            () ->
                AccessCodec.read("\u00ac\u00ed\u0000\u0005".getBytes(StandardCharsets.ISO_8859_1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("access event: not JSON");
    assertThatThrownBy(() -> AccessCodec.read("{\"v\":2}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("access event: not version 1");
  }

  @Test
  void read_ofAReadWithoutPerson_isRefused() {
    String json =
        new String(
                AccessCodec.write(
                    PROFILE,
                    Access.of(
                        ACCOUNT,
                        Instant.now(),
                        AccessKind.READ,
                        new PersonId(UUID.randomUUID()),
                        Link.FOLLOWED,
                        "d",
                        "n")),
                StandardCharsets.UTF_8)
            .replaceAll("\"person\":\"[^\"]+\"", "\"person\":null");

    assertThatThrownBy(() -> AccessCodec.read(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
