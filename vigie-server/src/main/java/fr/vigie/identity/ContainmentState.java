package fr.vigie.identity;

/**
 * What the guard lets an account do, set by the detectors and the ceilings, cleared by a security
 * analyst; the guard reads it before the policy on every request. The order is the order of
 * severity.
 */
public enum ContainmentState {
  /** Nothing unusual: the policy decides alone. */
  ACTIVE,
  /** Reads wait for a fresh second factor in this session. */
  STEP_UP,
  /** Reads are slowed to a few a minute. */
  THROTTLED,
  /** Nothing at all: every session and token of the account is gone. */
  SUSPENDED;

  /** The more severe of the two. */
  public ContainmentState atLeast(ContainmentState other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
