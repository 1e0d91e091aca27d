package fr.vigie.transfer;

/** What an operation on the exchange did; each one is logged and ingested by the register. */
public enum OperationKind {
  SIGN_IN,
  LIST,
  UPLOAD,
  DOWNLOAD,
  DELETE,
  PURGE,
  /** The register placed a file in an account's outbound folder. */
  PLACE,
  /** The register fetched a file from an account's inbound folder. */
  COLLECT,
  /** The register confirmed its pickup of an inbound file, which is then deleted. */
  CONFIRM,
  /**
   * An operation refused because the account went past its pace (operations or bytes): logged so by
   * earlier versions, now counted as {@code REFUSED rate-limited}.
   */
  RATE_LIMITED,
  /** The register suspended the account: it can neither sign in nor do anything. */
  SUSPEND,
  /** The register lifted the account's suspension. */
  RESUME,
  /** An operation refused because the account is suspended. */
  SUSPENDED,
  /**
   * Requests refused for a reason of {@link Refusals.Reason} (a forged token, a path outside the
   * routes, a bad header...), counted per source address, account and reason over a window.
   */
  REFUSED,
  /** The register told the exchange to refuse a source address for a while. */
  BLOCK
}
