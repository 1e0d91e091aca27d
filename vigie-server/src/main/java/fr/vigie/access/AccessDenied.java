package fr.vigie.access;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;

/** A management action the policy refused; its message names the reason, never a person. */
public final class AccessDenied extends VigieException {
  private final DenyReason reason;

  AccessDenied(String action, DenyReason reason) {
    super(ProblemCode.ACCESS_DENIED, action + ": refused, " + reason);
    this.reason = reason;
  }

  public DenyReason reason() {
    return reason;
  }
}
