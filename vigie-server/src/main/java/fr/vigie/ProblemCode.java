package fr.vigie;

/**
 * Every category of error Vigie reports. The web layer maps them to RFC 9457 problem details; the
 * command line prints their title. None carries personal data.
 */
public enum ProblemCode {
  FIELD_MISSING(400, "A required field is missing"),
  FIELD_INVALID(400, "A field is not in the expected format"),
  NIR_INVALID(400, "The NIR is not valid"),
  NIR_INCONSISTENT(400, "The NIR does not agree with the sex or the birth date"),
  IDENTIFIER_INVALID(400, "The France Travail identifier is not valid"),
  ORGANIZATION_UNKNOWN(400, "The organization is not known"),
  IMPORT_FILE_INVALID(400, "The import file cannot be read"),
  ACCESS_DENIED(403, "The access policy refuses this action"),
  JUSTIFICATION_REQUIRED(403, "This access needs a justification: a reason code and a text"),
  STEP_UP_REQUIRED(403, "Prove a fresh second factor (POST /api/session/step-up) to go on"),
  ACCOUNT_THROTTLED(429, "This account is slowed down; wait and try again"),
  CEILING_REACHED(429, "This account reached one of its limits"),
  ACCOUNT_SUSPENDED(403, "This account is suspended"),
  ALERT_NOT_FOUND(404, "No such open alert"),
  SEARCH_CRITERION_INVALID(400, "A search needs one exact criterion"),
  PERSON_NOT_FOUND(404, "No such person"),
  PERSON_ERASED(410, "The person was erased"),
  SIGN_IN_FAILED(401, "Sign-in failed"),
  SIGN_IN_RATE_LIMITED(429, "Too many sign-in attempts from this address; wait and try again"),
  PASSWORD_TOO_WEAK(400, "The password does not meet the policy"),
  PASSWORD_INCORRECT(403, "The current password was not accepted; the password is unchanged"),
  ACCOUNT_NOT_FOUND(404, "No such staff account"),
  ENROLLMENT_NOT_ALLOWED(403, "A second factor cannot be enrolled now"),
  RECOVERY_NOT_ALLOWED(403, "This account recovery is not allowed"),
  RECOVERY_NOT_FOUND(404, "No such account recovery"),
  MAIL_UNAVAILABLE(503, "Mail cannot be sent, so the owner cannot be told"),
  KEY_UNAVAILABLE(503, "A key needed for this operation is not available"),
  AUDIT_UNAVAILABLE(503, "The audit log cannot be written, so nothing is returned"),
  AUDIT_RANGE_INVALID(400, "The tree size or index is not in the audit log"),
  AUDIT_RATE_LIMITED(429, "Too many audit requests from this address; wait and try again"),
  CRYPTO_FAILURE(500, "A cryptographic operation failed"),
  ALERT_SUPERSEDED(409, "The account's containment rose since this alert; decide the newer alert"),
  ROLE_NOT_ALLOWED(400, "This kind of organization may not hold this role"),
  SIGN_IN_REQUIRED(401, "Sign in first (POST /api/session)"),
  NOT_PERMITTED(403, "This account may not do this: its role, or a sign-in step still missing"),
  CSRF_TOKEN_INVALID(
      403, "The CSRF token is missing or wrong: echo the XSRF-TOKEN cookie in X-XSRF-TOKEN"),
  REQUEST_TOO_LARGE(413, "The request body is larger than this endpoint accepts"),
  NOT_FOUND(404, "No such resource"),
  METHOD_NOT_ALLOWED(405, "This method is not supported here"),
  MEDIA_TYPE_UNSUPPORTED(415, "This content type is not supported here; send application/json"),
  REQUEST_INVALID(400, "The request cannot be processed"),
  INCIDENT_NOT_FOUND(404, "No such incident"),
  AUDIT_LOG_INVALID(500, "The audit log does not verify: run 'vigie audit verify'"),
  EVENTS_UNAVAILABLE(
      503, "The access event bus did not take the access, so nothing is returned; try again"),
  NOTICES_BUSY(409, "Another sender is sending this incident's notices: wait for it to end"),
  SPACE_RATE_LIMITED(429, "Too many requests to the personal space; wait and try again"),
  SCOPE_NOT_CONFIRMED(
      409, "An incident's scope is not confirmed complete: the notices to persons wait for it");

  private final int httpStatus;
  private final String title;

  ProblemCode(int httpStatus, String title) {
    this.httpStatus = httpStatus;
    this.title = title;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String title() {
    return title;
  }
}
