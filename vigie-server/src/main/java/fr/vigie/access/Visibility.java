package fr.vigie.access;

/** How an allowed field is shown; a field the policy does not list is not disclosed at all. */
public enum Visibility {
  CLEAR,
  /** Shown partly (the NIR as its sex and birth year digits), never decrypted whole for display. */
  MASKED
}
