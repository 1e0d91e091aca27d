package fr.vigie.registry;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * The plaintext of one person as it enters the register (import, demo) or leaves it through the
 * read path. Optional fields are null. {@link #toString()} shows no personal data.
 *
 * @param birthPlace INSEE code of the commune of birth (department and commune, or 99 and the
 *     country code for persons born abroad)
 * @param organization code of the organization that follows the person
 */
public record PersonRecord(
    FranceTravailId identifier,
    Nir nir,
    Sex sex,
    String birthName,
    String usualName,
    String firstNames,
    LocalDate birthDate,
    String birthPlace,
    String email,
    String phone,
    String address,
    RegistrationCategory category,
    LocalDate registeredOn,
    LocalDate leftOn,
    String organization) {

  public PersonRecord {
    requireNonNull(identifier, "identifier is null");
    requireNonNull(birthName, "birth_name is null");
    requireNonNull(firstNames, "first_names is null");
    requireNonNull(birthDate, "birth_date is null");
    requireNonNull(category, "category is null");
    requireNonNull(registeredOn, "registered_on is null");
    requireNonNull(organization, "organization is null");
  }

  /** The same person with another email: one a shelter or a family gives for several persons. */
  public PersonRecord withEmail(String newEmail) {
    return new PersonRecord(
        identifier,
        nir,
        sex,
        birthName,
        usualName,
        firstNames,
        birthDate,
        birthPlace,
        newEmail,
        phone,
        address,
        category,
        registeredOn,
        leftOn,
        organization);
  }

  /**
   * The same person with other last names: a birth name corrected, a usual name taken or dropped.
   */
  public PersonRecord withNames(String newBirthName, String newUsualName) {
    return new PersonRecord(
        identifier,
        nir,
        sex,
        newBirthName,
        newUsualName,
        firstNames,
        birthDate,
        birthPlace,
        email,
        phone,
        address,
        category,
        registeredOn,
        leftOn,
        organization);
  }

  /** The last name in use: the usual name when there is one, else the birth name. */
  public String lastName() {
    return usualName == null || usualName.isBlank() ? birthName : usualName;
  }

  @Override
  public String toString() {
    return "PersonRecord[identifier=" + identifier.masked() + "]";
  }
}
