package fr.vigie.identity;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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

  /** Every account whose state is not ACTIVE, to restore the detectors' view after a restart. */
  public Map<AccountId, ContainmentState> contained() {
    Map<AccountId, ContainmentState> contained = new LinkedHashMap<>();
    accounts.contained().forEach(e -> contained.put(new AccountId(e.getKey()), e.getValue()));
    return contained;
  }
}
