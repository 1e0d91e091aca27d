package fr.vigie.identity;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores the guard's state of each account, where every node's {@link AccountStateFilter} reads it
 * on the account's next request. Suspending ends every session of the account at once. Each change
 * is published, and so audited.
 */
@Service
public class Containments {
  private final StaffAccounts accounts;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  Containments(StaffAccounts accounts, ApplicationEventPublisher events, Clock clock) {
    this.accounts = accounts;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Raises {@code account}'s containment to {@code state}, as the detectors or ceilings decided;
   * never lowers it: only a security analyst does ({@link #set}). Returns false when it was already
   * as high.
   */
  @Transactional
  public boolean raise(AccountId account, ContainmentState state) {
    requireNonNull(account, "account is null");
    requireNonNull(state, "state is null");
    Instant now = clock.instant();
    if (!accounts.raise(account.value(), state, now)) {
      return false;
    }
    events.publishEvent(new IdentityEvent.ContainmentChanged(account.value(), state, null, now));
    return true;
  }

  /**
   * Sets {@code account}'s containment, up or down, as the security analyst {@code by} decided.
   * Returns false when there is no such account.
   */
  @Transactional
  public boolean set(AccountId account, ContainmentState state, AccountId by) {
    requireNonNull(account, "account is null");
    requireNonNull(state, "state is null");
    requireNonNull(by, "by is null");
    Instant now = clock.instant();
    if (!accounts.contain(account.value(), state, now)) {
      return false;
    }
    events.publishEvent(
        new IdentityEvent.ContainmentChanged(account.value(), state, by.value(), now));
    return true;
  }

  /**
   * Releases {@code account} as the security analyst {@code by} decided about an alert that named
   * {@code named}: the account is active again only if its containment has not risen since, as read
   * under the account's row lock (so a detector's rise waits for this transaction, and its alert
   * comes after). Throws {@link ProblemCode#ALERT_SUPERSEDED} when it has risen: a release lifts
   * only what the analyst saw. Returns false when there is no such account.
   */
  @Transactional
  public boolean release(AccountId account, ContainmentState named, AccountId by) {
    requireNonNull(account, "account is null");
    requireNonNull(named, "named is null");
    requireNonNull(by, "by is null");
    Optional<StaffAccounts.Account> current = accounts.byIdForUpdate(account.value());
    if (current.isEmpty()) {
      return false;
    }
    if (current.get().containment().compareTo(named) > 0) {
      throw new VigieException(
          ProblemCode.ALERT_SUPERSEDED,
          "the account is "
              + current.get().containment()
              + " since the alert named "
              + named
              + ": decide the newer alert");
    }
    return set(account, ContainmentState.ACTIVE, by);
  }

  /** The account's stored containment; ACTIVE for an account that does not exist. */
  public ContainmentState stateOf(AccountId account) {
    requireNonNull(account, "account is null");
    return accounts
        .byId(account.value())
        .map(StaffAccounts.Account::containment)
        .orElse(ContainmentState.ACTIVE);
  }

  /** Every account whose state is not ACTIVE, to restore the detectors' view after a restart. */
  public Map<AccountId, ContainmentState> contained() {
    Map<AccountId, ContainmentState> contained = new LinkedHashMap<>();
    accounts.contained().forEach(e -> contained.put(new AccountId(e.getKey()), e.getValue()));
    return contained;
  }
}
