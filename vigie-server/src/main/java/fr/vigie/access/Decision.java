package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import fr.vigie.registry.PersonField;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** What the policy answers for one actor, action and person. */
public sealed interface Decision {

  /**
   * Allowed: the fields listed are disclosed as their visibility says; a field not listed is not
   * disclosed at all, not even masked.
   */
  record Allow(Map<PersonField, Visibility> fields, Basis basis) implements Decision {
    public Allow {
      requireNonNull(fields, "fields is null");
      requireNonNull(basis, "basis is null");
      if (fields.isEmpty()) {
        throw new IllegalArgumentException("an allow discloses at least one field");
      }
      fields = Collections.unmodifiableMap(new EnumMap<>(fields));
    }

    /** Whether {@code field} is disclosed in clear. */
    public boolean clear(PersonField field) {
      return fields.get(field) == Visibility.CLEAR;
    }
  }

  /** Refused, for a reason that names no person. */
  record Deny(DenyReason reason) implements Decision {
    public Deny {
      requireNonNull(reason, "reason is null");
    }
  }

  /**
   * Allowed only with a justification (reason code and text), which the caller asks the actor for
   * and passes to the policy again.
   */
  record JustificationRequired() implements Decision {}
}
