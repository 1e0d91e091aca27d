package fr.vigie.access;

/**
 * What an actor does to one person. There is deliberately no way to list or export the register: a
 * search needs an exact {@link Criterion} and returns at most {@link SearchFilter#LIMIT} persons.
 */
public enum Action {
  /** Opens a person's file. */
  READ,
  /** Changes a person's file; the fields it may change are those it sees {@code CLEAR}. */
  UPDATE,
  /** Finds a person by an exact criterion: only persons the actor may read now, unjustified. */
  SEARCH
}
