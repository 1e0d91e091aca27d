package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import fr.vigie.registry.PersonField;
import fr.vigie.registry.PersonId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one read disclosed: the fields the policy allowed, masked where it said so. It carries
 * personal data, so its {@link #toString()} shows the id and the field names only.
 */
public record PersonView(PersonId id, Map<PersonField, String> fields, Basis basis) {
  public PersonView {
    requireNonNull(id, "id is null");
    requireNonNull(basis, "basis is null");
    fields = Collections.unmodifiableMap(new EnumMap<>(fields));
  }

  @Override
  public String toString() {
    return "PersonView[id=" + id + ", fields=" + fields.keySet() + "]";
  }
}
