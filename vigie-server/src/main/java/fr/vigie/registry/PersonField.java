package fr.vigie.registry;

/**
 * The personal fields of a person. Each is encrypted on its own under the person's data key, with
 * associated data that binds the ciphertext to (person, field).
 */
public enum PersonField {
  IDENTIFIER("identifier"),
  NIR("nir"),
  SEX("sex"),
  BIRTH_NAME("birth_name"),
  USUAL_NAME("usual_name"),
  FIRST_NAMES("first_names"),
  BIRTH_DATE("birth_date"),
  BIRTH_PLACE("birth_place"),
  EMAIL("email"),
  PHONE("phone"),
  ADDRESS("address"),
  CATEGORY("category"),
  REGISTERED_ON("registered_on"),
  LEFT_ON("left_on");

  private final String column;

  PersonField(String column) {
    this.column = column;
  }

  /** The name of the field in import files and of its ciphertext column in the database. */
  public String column() {
    return column;
  }

  /** The longest value a change may give it: a name's, or a single line's. */
  public int maxLength() {
    return switch (this) {
      case BIRTH_NAME, USUAL_NAME, FIRST_NAMES, BIRTH_PLACE -> fr.vigie.FieldText.MAX_NAME;
      default -> fr.vigie.FieldText.MAX_VALUE;
    };
  }
}
