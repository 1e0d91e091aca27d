package fr.vigie.access;

import static fr.vigie.registry.PersonField.BIRTH_DATE;
import static fr.vigie.registry.PersonField.BIRTH_NAME;
import static fr.vigie.registry.PersonField.EMAIL;
import static fr.vigie.registry.PersonField.IDENTIFIER;
import static fr.vigie.registry.PersonField.NIR;
import static fr.vigie.registry.PersonField.USUAL_NAME;

import fr.vigie.registry.PersonField;
import java.util.EnumSet;
import java.util.Set;

/**
 * The exact criteria a search takes, each a blind index column. A criterion finds only persons
 * whose fields it matches the actor sees in clear: a match would otherwise disclose them (a partner
 * searching by NIR would learn the NIR it may not see).
 */
public enum Criterion {
  IDENTIFIER_EXACT("identifier_index", EnumSet.of(IDENTIFIER)),
  NIR_EXACT("nir_index", EnumSet.of(NIR)),
  EMAIL_EXACT("email_index", EnumSet.of(EMAIL)),
  NAME_AND_BIRTH_DATE("name_birth_index", EnumSet.of(BIRTH_NAME, USUAL_NAME, BIRTH_DATE));

  final String column;
  private final Set<PersonField> matches;

  Criterion(String column, Set<PersonField> matches) {
    this.column = column;
    this.matches = matches;
  }

  /** Whether a person so allowed may be found by this criterion. */
  boolean usableWith(Decision.Allow allow) {
    return matches.stream().allMatch(allow::clear);
  }
}
