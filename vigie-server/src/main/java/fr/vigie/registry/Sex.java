package fr.vigie.registry;

/** Sex as recorded in the civil register, coded as in the NIR. */
public enum Sex {
  MALE("M"),
  FEMALE("F");

  private final String code;

  Sex(String code) {
    this.code = code;
  }

  /** The one-letter code used in import files: M or F. */
  public String code() {
    return code;
  }

  public static Sex fromCode(String code) {
    return switch (code) {
      case "M" -> MALE;
      case "F" -> FEMALE;
      default -> throw new IllegalArgumentException("sex: expected M or F");
    };
  }
}
