package fr.vigie.access;

import fr.vigie.registry.PersonField;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a person sees of their own file: everything, since it is theirs. On the screen of the space
 * the NIR is masked (a screen can be looked over, and the person has no need of it there); the
 * article 15 copy carries it in clear, being the copy the person asked for. Any other purpose is no
 * person's.
 */
final class SelfPolicy {
  private SelfPolicy() {}

  /** The fields and their visibility for {@code purpose}, or null when a person may not use it. */
  static Map<PersonField, Visibility> fields(Purpose purpose) {
    boolean allowed =
        switch (purpose) {
          case SELF, ARTICLE_15 -> true;
          case FOLLOW_UP, REGISTRATION_CHECK, REVIEW, INCIDENT_RESPONSE, EXCHANGE, BREACH_NOTICE ->
              false;
        };
    if (!allowed) {
      return null;
    }
    Map<PersonField, Visibility> fields = new EnumMap<>(PersonField.class);
    for (PersonField field : PersonField.values()) {
      fields.put(field, Visibility.CLEAR);
    }
    if (!purpose.needsClearNir()) {
      fields.put(PersonField.NIR, Visibility.MASKED);
    }
    return fields;
  }
}
