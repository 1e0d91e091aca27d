package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.util.List;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The passkeys store, where Spring's registration filter saves a new passkey: a new one (not an
 * update of a known one's counter at sign-in) is stored only in a session that proved a second
 * factor in the last minutes, and is audited and mailed to the owner in the same transaction. The
 * account state filter refuses the registration endpoints earlier; this is the last door.
 */
final class NoticedPasskeys implements UserCredentialRepository {
  private final UserCredentialRepository store;
  private final FactorNotices notices;
  private final FreshSecondFactor fresh;
  private final TransactionTemplate transactions;
  private final SecondFactors factors;

  NoticedPasskeys(
      UserCredentialRepository store,
      FactorNotices notices,
      FreshSecondFactor fresh,
      TransactionTemplate transactions,
      SecondFactors factors) {
    this.factors = factors;
    this.store = store;
    this.notices = notices;
    this.fresh = fresh;
    this.transactions = transactions;
  }

  @Override
  public void save(CredentialRecord credential) {
    if (store.findByCredentialId(credential.getCredentialId()) != null) {
      store.save(credential);
      return;
    }
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof StaffAuthentication staff) || !fresh.proved(staff)) {
      throw FreshSecondFactor.required();
    }
    transactions.executeWithoutResult(
        status -> {
          store.save(credential);
          notices.enrolled(staff.accountId(), IdentityEvent.Factor.PASSKEY);
        });
  }

  /**
   * A passkey is removed (Spring's {@code DELETE /webauthn/register/{id}}) only by its own account,
   * in a session that proved a second factor in the last minutes; the removal is audited and mailed
   * to the owner in the same transaction, as an enrollment is, so that no one quietly takes away
   * the owner's factor. Removals Spring makes for other reasons (none today) would take the same
   * door.
   */
  @Override
  public void delete(Bytes credentialId) {
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof StaffAuthentication staff) || !fresh.proved(staff)) {
      throw FreshSecondFactor.required();
    }
    if (!owns(staff, credentialId)) {
      return;
    }
    if (!factors.hasTotp(staff.accountId()) && factors.passkeys(staff.accountId()) <= 1) {
      // The last factor of an account without TOTP: removing it would let a password alone
      // enroll a new seed.
      throw new VigieException(
          ProblemCode.ENROLLMENT_NOT_ALLOWED, "the account's last second factor stays");
    }
    transactions.executeWithoutResult(
        status -> {
          store.delete(credentialId);
          notices.removed(staff.accountId(), IdentityEvent.Factor.PASSKEY);
        });
  }

  /** Who may remove a passkey: a staff session of the account it belongs to. */
  AuthorizationManager<Bytes> removalByOwner() {
    return (authentication, credentialId) ->
        new AuthorizationDecision(
            authentication.get() instanceof StaffAuthentication staff && owns(staff, credentialId));
  }

  private boolean owns(StaffAuthentication staff, Bytes credentialId) {
    return factors.ownsPasskey(staff.accountId(), credentialId.toBase64UrlString());
  }

  @Override
  public CredentialRecord findByCredentialId(Bytes credentialId) {
    return store.findByCredentialId(credentialId);
  }

  @Override
  public List<CredentialRecord> findByUserId(Bytes userId) {
    return store.findByUserId(userId);
  }
}
