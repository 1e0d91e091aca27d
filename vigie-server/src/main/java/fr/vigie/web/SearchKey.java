package fr.vigie.web;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Criterion;
import fr.vigie.registry.FranceTravailId;
import fr.vigie.registry.Nir;
import java.time.LocalDate;

/**
 * A search request checked: its criterion and value in the type the blind index is computed on. A
 * request that is not one is refused with {@code SEARCH_CRITERION_INVALID} (or the identifier's own
 * code), never repeating the value.
 */
sealed interface SearchKey {
  record Identifier(FranceTravailId identifier) implements SearchKey {}

  record NirKey(Nir nir) implements SearchKey {}

  record Email(String email) implements SearchKey {}

  record NameAndBirthDate(String lastName, LocalDate birthDate) implements SearchKey {}

  static SearchKey of(Criterion criterion, String value, LocalDate birthDate) {
    if (criterion == null || value == null || value.isBlank()) {
      throw new VigieException(
          ProblemCode.SEARCH_CRITERION_INVALID, "criterion and value are required");
    }
    return switch (criterion) {
      case IDENTIFIER_EXACT -> new Identifier(new FranceTravailId(value.strip()));
      case NIR_EXACT -> new NirKey(Nir.parse(value));
      case EMAIL_EXACT -> new Email(value);
      case NAME_AND_BIRTH_DATE -> {
        if (birthDate == null) {
          throw new VigieException(
              ProblemCode.SEARCH_CRITERION_INVALID, "birthDate: required with a last name");
        }
        yield new NameAndBirthDate(value, birthDate);
      }
    };
  }
}
