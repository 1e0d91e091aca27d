package fr.vigie.registry;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.UUID;

/**
 * One person as stored: ciphertexts, wrapped data key, blind indexes. Holds no plaintext.
 *
 * @param ciphertexts one per {@link PersonField}
 */
record SealedPerson(
    PersonId id,
    UUID organizationId,
    byte[] wrappedKey,
    long kekId,
    byte[] identifierIndex,
    byte[] nirIndex,
    byte[] emailIndex,
    byte[] nameBirthIndex,
    byte[] birthNameIndex,
    byte[] rowDigest,
    EnumMap<PersonField, byte[]> ciphertexts,
    LocalDate retentionFrom) {

  @Override
  public String toString() {
    return "SealedPerson[id=" + id + "]";
  }
}
