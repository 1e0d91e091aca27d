package fr.vigie.breach;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.exchange.BatchId;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationId;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * What an incident covers: the accesses of some accounts, or of one organization, within a window
 * (both ends included); or one exchange batch: its operator's reads for it, within the window those
 * reads took.
 *
 * @param batch the exchange batch of a {@link Kind#BATCH} scope, null otherwise
 */
public record Scope(
    Kind kind,
    Set<AccountId> accounts,
    OrganizationId organization,
    BatchId batch,
    Instant from,
    Instant to) {
  /** The most accounts one scope names. */
  public static final int MAX_ACCOUNTS = 1_000;

  /** The longest window one scope covers: a little over the retention of a year of logs. */
  public static final Duration MAX_WINDOW = Duration.ofDays(400);

  /** How a scope selects accesses. */
  public enum Kind {
    ACCOUNTS,
    ORGANIZATION,
    /** The persons of one exchange batch, as its operator read them for it. */
    BATCH
  }

  public Scope {
    requireNonNull(kind, "kind is null");
    accounts = accounts == null ? Set.of() : Set.copyOf(accounts);
    if (from == null || to == null) {
      throw new VigieException(ProblemCode.FIELD_MISSING, "from and to: both are required");
    }
    if (to.isBefore(from)) {
      throw new VigieException(ProblemCode.FIELD_INVALID, "to: before from");
    }
    if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
      throw new VigieException(
          ProblemCode.FIELD_INVALID,
          "from, to: a window of at most " + MAX_WINDOW.toDays() + " days");
    }
    if ((kind == Kind.BATCH) != (batch != null)) {
      throw new VigieException(ProblemCode.FIELD_INVALID, "batch: for a batch scope only");
    }
    switch (kind) {
      case BATCH -> {
        if (accounts.size() != 1 || organization != null) {
          throw new VigieException(
              ProblemCode.FIELD_INVALID, "batch: one operator account, and no organization");
        }
      }
      case ACCOUNTS -> {
        if (accounts.isEmpty() || accounts.size() > MAX_ACCOUNTS || organization != null) {
          throw new VigieException(
              ProblemCode.FIELD_INVALID,
              "accounts: 1 to " + MAX_ACCOUNTS + " accounts, and no organization");
        }
      }
      case ORGANIZATION -> {
        if (organization == null || !accounts.isEmpty()) {
          throw new VigieException(
              ProblemCode.FIELD_INVALID, "organization: one organization, and no accounts");
        }
      }
    }
  }

  /** A scope of accounts. */
  public static Scope ofAccounts(Set<AccountId> accounts, Instant from, Instant to) {
    return new Scope(Kind.ACCOUNTS, accounts, null, null, from, to);
  }

  /**
   * A scope of one exchange batch, read by {@code operator} between {@code from} and {@code to}.
   */
  public static Scope ofBatch(BatchId batch, AccountId operator, Instant from, Instant to) {
    return new Scope(Kind.BATCH, Set.of(operator), null, batch, from, to);
  }

  /** A scope of one organization. */
  public static Scope ofOrganization(OrganizationId organization, Instant from, Instant to) {
    return new Scope(Kind.ORGANIZATION, Set.of(), organization, null, from, to);
  }

  /**
   * Whether an access of {@code actor} for {@code organization} at {@code at} is in this scope. For
   * a batch: any access of its operator within its reads' window.
   */
  boolean covers(String actor, String organizationId, Instant at) {
    if (at.isBefore(from) || at.isAfter(to)) {
      return false;
    }
    return switch (kind) {
      case ACCOUNTS, BATCH -> accounts.stream().anyMatch(a -> a.toString().equals(actor));
      case ORGANIZATION -> organization.toString().equals(organizationId);
    };
  }
}
