package fr.vigie.detection;

import fr.vigie.identity.AccountId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The organization of each account, for the detectors across accounts: read once from {@code
 * staff_account} and kept (an account does not change organization; a new one is read at its first
 * access).
 */
@Repository
class AccountOrganizations {
  private final JdbcTemplate jdbc;
  private final ConcurrentHashMap<AccountId, String> known = new ConcurrentHashMap<>();

  AccountOrganizations(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The account's organization id as text, or empty for an account not in the register. */
  Optional<String> of(AccountId account) {
    String organization = known.get(account);
    if (organization != null) {
      return Optional.of(organization);
    }
    List<UUID> found =
        jdbc.queryForList(
            "select organization_id from staff_account where id = ?", UUID.class, account.value());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    String id = found.getFirst().toString();
    known.put(account, id);
    return Optional.of(id);
  }
}
