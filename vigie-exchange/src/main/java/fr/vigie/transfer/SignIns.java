package fr.vigie.transfer;

import fr.vigie.transfer.Accounts.Account;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Public-key sign-in to SFTP, as strict as the register's: a key registered for the account, an
 * account locked after a few failures in a row (even the right key is then refused), and a source
 * address that fails too often refused whatever it tries. Every attempt is logged.
 */
@Component
class SignIns implements PublickeyAuthenticator {
  static final AttributeKey<String> ACCOUNT = new AttributeKey<>();

  private final Accounts accounts;
  private final Operations operations;
  private final Clock clock;
  private final int lockoutFailures;
  private final Duration lockoutDuration;
  private final AddressLimits addresses;
  private final BlockedAddresses blocked;
  private final Refusals refusals;

  SignIns(
      Accounts accounts,
      Operations operations,
      BlockedAddresses blocked,
      Refusals refusals,
      @Value("${vigie.exchange.lockout.failures}") int lockoutFailures,
      @Value("${vigie.exchange.lockout.duration}") Duration lockoutDuration,
      AddressLimits addresses) {
    this.accounts = accounts;
    this.operations = operations;
    this.clock = Clock.systemUTC();
    this.lockoutFailures = lockoutFailures;
    this.lockoutDuration = lockoutDuration;
    this.addresses = addresses;
    this.blocked = blocked;
    this.refusals = refusals;
  }

  @Override
  public boolean authenticate(String username, PublicKey key, ServerSession session) {
    Instant now = clock.instant();
    String source = address(session.getClientAddress());
    String account = Accounts.validName(username) ? username : "?";
    if (username.equals(session.getAttribute(ACCOUNT))) {
      return true; // the same key again, now with its signature: already counted
    }
    if (blocked.refused(source).isPresent()) {
      refusals.refused(source, null, Refusals.Reason.ADDRESS_BLOCKED, "sftp");
      return false;
    }
    if (addresses.blocked(source, now).isPresent()) {
      // Counted, not one row each: a flood of attempts past the limit would fill the log.
      refusals.refused(source, null, Refusals.Reason.SIGN_INS_LIMITED, "sftp");
      return false;
    }
    Optional<Account> found =
        Accounts.validName(username) ? accounts.find(username) : Optional.empty();
    if (found.isEmpty()) {
      addresses.failed(source, now);
      operations.record(account, OperationKind.SIGN_IN, null, null, source, "unknown-account");
      return false;
    }
    if (found.get().lockedAt(now)) {
      addresses.failed(source, now);
      operations.record(account, OperationKind.SIGN_IN, null, null, source, "locked");
      return false;
    }
    if (!accounts.hasKey(username, key)) {
      addresses.failed(source, now);
      accounts.failedSignIn(username, lockoutFailures, lockoutDuration, now);
      operations.record(account, OperationKind.SIGN_IN, null, null, source, "wrong-key");
      return false;
    }
    // Only to the key's holder: who has no key learns nothing of the suspension.
    if (accounts.suspended(username)) {
      operations.record(account, OperationKind.SIGN_IN, null, null, source, "suspended");
      return false;
    }
    accounts.succeededSignIn(username);
    session.setAttribute(ACCOUNT, username);
    operations.record(account, OperationKind.SIGN_IN, null, null, source, "ok");
    return true;
  }

  static String address(SocketAddress address) {
    return address instanceof InetSocketAddress inet
        ? inet.getAddress().getHostAddress()
        : String.valueOf(address);
  }
}
