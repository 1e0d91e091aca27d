package fr.vigie.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells of a new or removed second factor: the audit log (through {@link
 * IdentityEvent.SecondFactorEnrolled} and {@link IdentityEvent.SecondFactorRemoved}) and the
 * account's owner, by mail to the address on file, as a recovery does, so that a factor added or
 * taken away by someone else does not stay hidden. A mail that cannot be sent fails the change; an
 * account with no address on file has only the audit entry.
 */
@Component
class FactorNotices {
  private final StaffContacts contacts;
  private final RecoveryMail mail;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  FactorNotices(
      StaffContacts contacts, RecoveryMail mail, ApplicationEventPublisher events, Clock clock) {
    this.contacts = contacts;
    this.mail = mail;
    this.events = events;
    this.clock = clock;
  }

  /** {@code account} enrolled {@code factor}; call inside the transaction that stores it. */
  void enrolled(UUID account, IdentityEvent.Factor factor) {
    Instant now = clock.instant();
    contacts.openEmail(account, now).ifPresent(to -> mail.noticeFactorAdded(to, factor, now));
    events.publishEvent(new IdentityEvent.SecondFactorEnrolled(account, factor, now));
  }

  /** {@code account} removed {@code factor}; call inside the transaction that removes it. */
  void removed(UUID account, IdentityEvent.Factor factor) {
    Instant now = clock.instant();
    contacts.openEmail(account, now).ifPresent(to -> mail.noticeFactorRemoved(to, factor, now));
    events.publishEvent(new IdentityEvent.SecondFactorRemoved(account, factor, now));
  }
}
