package fr.vigie.identity;

import java.util.List;
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

  NoticedPasskeys(
      UserCredentialRepository store,
      FactorNotices notices,
      FreshSecondFactor fresh,
      TransactionTemplate transactions) {
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

  @Override
  public void delete(Bytes credentialId) {
    store.delete(credentialId);
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
