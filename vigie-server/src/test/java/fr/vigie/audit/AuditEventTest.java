package fr.vigie.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditEventTest {
  static final String ACTOR = "5b0f7c2e-6a55-4d0b-9a7e-1f1d2c3b4a59";
  static final String PERSON = "0c6d3f7a-2b1e-4c5d-8e9f-a0b1c2d3e4f5";

  static AuditEvent read(Instant at, String subject, List<String> fields) {
    return new AuditEvent(
        at,
        ACTOR,
        AuditAction.READ,
        subject,
        fields,
        "CASELOAD",
        AuditDecision.ALLOW,
        "src:9f86d081",
        "org-42");
  }

  @Test
  void frame_thenDecode_givesTheSameEventIndexAndTime() {
    AuditEvent event =
        read(Instant.parse("2026-03-01T08:15:30.123456789Z"), PERSON, List.of("nir", "email"));
    byte[] entry = AuditEntry.frame(41, AuditEntry.encodeEvent(event));

    assertThat(AuditEntry.decode(entry)).isEqualTo(event);
    assertThat(AuditEntry.indexOf(entry)).isEqualTo(41);
    assertThat(AuditEntry.microsOf(entry)).isEqualTo(AuditEntry.micros(event.at()));
    assertThat(event.at()).isEqualTo(Instant.parse("2026-03-01T08:15:30.123456Z"));
  }

  @Test
  void encodeEvent_fieldsSplitDifferentlyOrNullVersusAbsent_differ() {
    Instant at = Instant.EPOCH;
    byte[] joined = AuditEntry.encodeEvent(read(at, PERSON, List.of("ab")));
    byte[] split = AuditEntry.encodeEvent(read(at, PERSON, List.of("a", "b")));
    byte[] none = AuditEntry.encodeEvent(read(at, null, List.of()));
    byte[] noFields = AuditEntry.encodeEvent(read(at, PERSON, List.of()));

    assertThat(joined).isNotEqualTo(split);
    assertThat(none).isNotEqualTo(noFields);
    assertThat(AuditEntry.decode(AuditEntry.frame(0, none)).subject()).isNull();
  }

  @Test
  void toString_event_showsIdsButNotFieldsPurposeOrSource() {
    AuditEvent event = read(Instant.EPOCH, PERSON, List.of("nir"));

    assertThat(event.toString())
        .contains(ACTOR, PERSON, "READ", "ALLOW")
        .doesNotContain("nir", "CASELOAD", "src:", "org-42");
  }

  @Test
  void new_actorLooksLikeAnEmail_refusedWithoutEchoingIt() {
    assertThatThrownBy(
            () ->
                new AuditEvent(
                    Instant.EPOCH,
                    "jeanne.martin@example.fr",
                    AuditAction.SIGN_IN_FAILED,
                    null,
                    List.of(),
                    null,
                    AuditDecision.DENY,
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("actor does not match")
        .message()
        .doesNotContain("jeanne");
  }

  @Test
  void new_subjectNotAUuidOrFreeTextPurpose_refused() {
    assertThatThrownBy(() -> read(Instant.EPOCH, "1 84 12 75 123 456 78", List.of()))
        .hasMessageStartingWith("subject does not match");
    assertThatThrownBy(
            () ->
                new AuditEvent(
                    Instant.EPOCH,
                    ACTOR,
                    AuditAction.READ,
                    PERSON,
                    List.of(),
                    "called about her rent",
                    AuditDecision.JUSTIFIED,
                    null,
                    null))
        .hasMessageStartingWith("purpose does not match");
  }

  @Test
  void decode_truncatedOrTrailingBytes_refused() {
    byte[] entry =
        AuditEntry.frame(3, AuditEntry.encodeEvent(read(Instant.EPOCH, PERSON, List.of("nir"))));
    byte[] truncated = java.util.Arrays.copyOf(entry, entry.length - 2);
    byte[] trailing = java.util.Arrays.copyOf(entry, entry.length + 1);

    assertThatThrownBy(() -> AuditEntry.decode(truncated))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditEntry.decode(trailing))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
