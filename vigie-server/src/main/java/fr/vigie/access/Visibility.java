package fr.vigie.access;

/** How an allowed field is shown; a field the policy does not list is not disclosed at all. */
public enum Visibility {
  CLEAR,
  /** Shown partly: for the NIR, its sex digit and birth year only ({@code Nir.masked()}). */
  MASKED
}
