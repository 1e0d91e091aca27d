package fr.vigie.portal;

import static java.util.Objects.requireNonNull;

import fr.vigie.access.AccessJournal;
import fr.vigie.access.Pivot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * What an identity provider vouches for at a person's sign-in: its issuer and subject, and the
 * pivot identity (FranceConnect's: family name at birth, given names, birth date, sex, birth
 * place). Personal data: {@link #toString()} names none of it.
 */
record ProviderIdentity(
    String issuer,
    String subject,
    String familyName,
    String givenNames,
    LocalDate birthDate,
    String gender,
    String birthPlace) {
  ProviderIdentity {
    requireNonNull(issuer, "issuer is null");
    requireNonNull(subject, "subject is null");
  }

  /** Whether the provider sent every claim the match needs. */
  boolean complete() {
    return familyName != null
        && !familyName.isBlank()
        && givenNames != null
        && !givenNames.isBlank()
        && birthDate != null
        && ("female".equals(gender) || "male".equals(gender));
  }

  /** The part compared with the register once the blind index found the candidates. */
  Pivot pivot() {
    return new Pivot(
        givenNames.trim().split("\\s+")[0],
        "female".equals(gender) ? "F" : "M",
        birthPlace == null ? "" : birthPlace);
  }

  /** SHA-256 of the issuer and subject: the key of the person's link, equality only. */
  byte[] subjectDigest() {
    return sha256(issuer + "\u0000" + subject);
  }

  byte[] issuerDigest() {
    return sha256(issuer);
  }

  /** A pseudonymous token of the subject for the audit log (the identity check's actor). */
  String auditToken() {
    return AccessJournal.SUBJECT_PREFIX + HexFormat.of().formatHex(subjectDigest(), 0, 16);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  @Override
  public String toString() {
    return "ProviderIdentity[" + auditToken() + "]";
  }
}
