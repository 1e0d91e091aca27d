package fr.vigie.registry;

import fr.vigie.crypto.BlindIndex;
import fr.vigie.crypto.DataKey;
import fr.vigie.crypto.FieldCipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.EnumMap;
import java.util.UUID;

/**
 * Turns a person's plaintext into what the database stores, and back. The only place in the
 * registry that encrypts or decrypts fields.
 */
final class PersonSealer {
  private final FieldCipher cipher;
  private final BlindIndex index;

  PersonSealer(FieldCipher cipher, BlindIndex index) {
    this.cipher = cipher;
    this.index = index;
  }

  /** The blind index of an identifier, the key of the import's idempotence. */
  byte[] identifierIndex(FranceTravailId identifier) throws GeneralSecurityException {
    return index.compute("identifier", identifier.canonical());
  }

  byte[] nirIndex(Nir nir) throws GeneralSecurityException {
    return index.compute("nir", nir.value());
  }

  byte[] emailIndex(String email) throws GeneralSecurityException {
    return index.compute("email", Canonical.email(email));
  }

  byte[] nameBirthIndex(String lastName, java.time.LocalDate birthDate)
      throws GeneralSecurityException {
    return index.compute("name_birth", Canonical.nameAndBirthDate(lastName, birthDate));
  }

  /**
   * The index of the birth name and birth date when the name in use is another (a usual name): what
   * a provider that sends the birth name is matched on. Null when the name index covers it.
   */
  byte[] birthNameIndex(PersonRecord person) throws GeneralSecurityException {
    return birthNameIndex(person.birthName(), person.lastName(), person.birthDate());
  }

  /** The same, from the birth name, the name in use and the birth date. */
  byte[] birthNameIndex(String birthName, String nameInUse, java.time.LocalDate birthDate)
      throws GeneralSecurityException {
    if (Canonical.name(birthName).equals(Canonical.name(nameInUse))) {
      return null;
    }
    return nameBirthIndex(birthName, birthDate);
  }

  /** A keyed digest of the whole row: equal only for rows equal in every field. */
  byte[] rowDigest(PersonRecord person) throws GeneralSecurityException {
    StringBuilder row = new StringBuilder(256);
    for (PersonField field : PersonField.values()) {
      row.append(plaintext(person, field)).append('\u001f');
    }
    row.append(person.organization());
    return index.compute("row", row.toString());
  }

  /** Encrypts every field under a new data key for {@code id}. */
  SealedPerson seal(PersonId id, PersonRecord person, UUID organizationId, byte[] rowDigest)
      throws GeneralSecurityException {
    return seal(id, person, organizationId, rowDigest, identifierIndex(person.identifier()));
  }

  /** The same, with the identifier's blind index the caller computed already. */
  SealedPerson seal(
      PersonId id,
      PersonRecord person,
      UUID organizationId,
      byte[] rowDigest,
      byte[] identifierIndex)
      throws GeneralSecurityException {
    DataKey key = cipher.newDataKey(id.toString());
    EnumMap<PersonField, byte[]> ciphertexts = new EnumMap<>(PersonField.class);
    for (PersonField field : PersonField.values()) {
      // Absent optional fields are encrypted as empty strings, so that NULLs reveal nothing.
      ciphertexts.put(field, key.encrypt(field.column(), plaintext(person, field)));
    }
    return new SealedPerson(
        id,
        organizationId,
        key.wrapped(),
        key.kekId(),
        identifierIndex,
        person.nir() == null ? null : nirIndex(person.nir()),
        person.email() == null ? null : emailIndex(person.email()),
        nameBirthIndex(person.lastName(), person.birthDate()),
        birthNameIndex(person),
        rowDigest,
        ciphertexts,
        person.leftOn());
  }

  /**
   * Encrypts new values of some fields under the person's existing data key, and derives the
   * indexes and the digest of the whole new record.
   *
   * @return the new ciphertexts, and a sealed person carrying only the derived values
   */
  Resealed reseal(
      PersonId id, byte[] wrappedKey, PersonRecord updated, java.util.Set<PersonField> changed)
      throws GeneralSecurityException {
    DataKey key = cipher.openDataKey(id.toString(), wrappedKey);
    EnumMap<PersonField, byte[]> ciphertexts = new EnumMap<>(PersonField.class);
    for (PersonField field : changed) {
      ciphertexts.put(field, key.encrypt(field.column(), plaintext(updated, field)));
    }
    SealedPerson derived =
        new SealedPerson(
            id,
            null,
            wrappedKey,
            -1,
            identifierIndex(updated.identifier()),
            updated.nir() == null ? null : nirIndex(updated.nir()),
            updated.email() == null ? null : emailIndex(updated.email()),
            nameBirthIndex(updated.lastName(), updated.birthDate()),
            birthNameIndex(updated),
            rowDigest(updated),
            new EnumMap<>(PersonField.class),
            updated.leftOn());
    return new Resealed(ciphertexts, derived);
  }

  record Resealed(EnumMap<PersonField, byte[]> ciphertexts, SealedPerson derived) {}

  /** Decrypts the requested fields of one stored person. */
  EnumMap<PersonField, String> unseal(
      PersonId id, byte[] wrappedKey, EnumMap<PersonField, byte[]> ciphertexts)
      throws GeneralSecurityException {
    DataKey key = cipher.openDataKey(id.toString(), wrappedKey);
    EnumMap<PersonField, String> plaintexts = new EnumMap<>(PersonField.class);
    for (var entry : ciphertexts.entrySet()) {
      byte[] plaintext = key.decryptField(entry.getKey().column(), entry.getValue());
      plaintexts.put(entry.getKey(), new String(plaintext, StandardCharsets.UTF_8));
    }
    return plaintexts;
  }

  static String plaintext(PersonRecord p, PersonField field) {
    return switch (field) {
      case IDENTIFIER -> p.identifier().value();
      case NIR -> p.nir() == null ? "" : p.nir().value();
      case SEX -> p.sex() == null ? "" : p.sex().code();
      case BIRTH_NAME -> p.birthName();
      case USUAL_NAME -> orEmpty(p.usualName());
      case FIRST_NAMES -> p.firstNames();
      case BIRTH_DATE -> p.birthDate().toString();
      case BIRTH_PLACE -> orEmpty(p.birthPlace());
      case EMAIL -> orEmpty(p.email());
      case PHONE -> orEmpty(p.phone());
      case ADDRESS -> orEmpty(p.address());
      case CATEGORY -> p.category().name();
      case REGISTERED_ON -> p.registeredOn().toString();
      case LEFT_ON -> p.leftOn() == null ? "" : p.leftOn().toString();
    };
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
