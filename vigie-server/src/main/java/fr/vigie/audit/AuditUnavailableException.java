package fr.vigie.audit;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;

/**
 * The audit log could not durably record an entry (or could not be read). A caller that gets it
 * must not return the data whose access it was recording: Vigie fails closed.
 */
public final class AuditUnavailableException extends VigieException {
  public AuditUnavailableException(String detail) {
    super(ProblemCode.AUDIT_UNAVAILABLE, detail);
  }

  public AuditUnavailableException(String detail, Throwable cause) {
    super(ProblemCode.AUDIT_UNAVAILABLE, detail, cause);
  }
}
