package fr.vigie.web;

import fr.vigie.FieldText;
import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Actor;
import fr.vigie.access.Criterion;
import fr.vigie.access.PersonReads;
import fr.vigie.access.PersonView;
import fr.vigie.access.Purpose;
import fr.vigie.registry.Registry;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A search as a staff member types it (one exact criterion and its value), checked, turned into the
 * blind index and run through {@link PersonReads#search}: the API's search and the console's.
 */
@Component
public class PersonSearch {
  private final PersonReads reads;
  private final Registry registry;

  PersonSearch(PersonReads reads, Registry registry) {
    this.reads = reads;
    this.registry = registry;
  }

  /** At most 20 persons the actor may read, found by {@code criterion}. */
  public List<PersonView> find(
      Actor actor, Criterion criterion, String value, LocalDate birthDate, Purpose purpose) {
    if (criterion == null || value == null || value.isBlank()) {
      throw new VigieException(
          ProblemCode.SEARCH_CRITERION_INVALID, "criterion and value are required");
    }
    FieldText.line(
        "value",
        value,
        criterion == Criterion.NAME_AND_BIRTH_DATE ? FieldText.MAX_NAME : FieldText.MAX_VALUE);
    byte[] index =
        switch (SearchKey.of(criterion, value, birthDate)) {
          case SearchKey.Identifier k -> registry.indexOf(k.identifier());
          case SearchKey.NirKey k -> registry.indexOf(k.nir());
          case SearchKey.Email k -> registry.indexOfEmail(k.email());
          case SearchKey.NameAndBirthDate k ->
              registry.indexOfNameAndBirthDate(k.lastName(), k.birthDate());
        };
    return reads.search(actor, criterion, index, purpose);
  }
}
