package fr.vigie.registry;

/** The job seeker category of France Travail, A to E. */
public enum RegistrationCategory {
  A,
  B,
  C,
  D,
  E
}
