package fr.vigie.detection;

import fr.vigie.detection.AccountProfile.PeerGroup;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The detectors' memory of each account in PostgreSQL ({@code detection_memory}): saved as accounts
 * are observed, at most once every {@link #EVERY} of their own time (and at once for an account not
 * saved yet), read back into a new {@link Detection} when the server starts.
 */
@Repository
class MemoryStore {
  /** How stale a stored memory may get while its account works: its last use, within minutes. */
  static final Duration EVERY = Duration.ofMinutes(10);

  private final JdbcTemplate jdbc;
  private final ConcurrentHashMap<AccountId, Instant> saved = new ConcurrentHashMap<>();

  MemoryStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Gives {@code detection} every stored memory; returns how many. */
  int loadInto(Detection detection) {
    int[] count = {0};
    jdbc.query(
        "select account_id, organization_kind, role, memory::text, saved_at from detection_memory",
        rs -> {
          AccountId account = new AccountId(rs.getObject("account_id", UUID.class));
          PeerGroup peers =
              new PeerGroup(
                  OrganizationKind.valueOf(rs.getString("organization_kind")),
                  Role.valueOf(rs.getString("role")));
          detection.remember(new AccountMemory(account, peers, rs.getString("memory")));
          saved.put(account, rs.getTimestamp("saved_at").toInstant());
          count[0]++;
        });
    return count[0];
  }

  /**
   * Gives {@code detection} the stored memory of {@code account}, as another node may have left it,
   * in place of what it holds; its peers learned it already. When none is stored, what it holds of
   * the account is forgotten. Returns false then.
   */
  boolean loadOne(Detection detection, AccountId account) {
    List<AccountMemory> found =
        jdbc.query(
            "select organization_kind, role, memory::text from detection_memory"
                + " where account_id = ?",
            (rs, i) ->
                new AccountMemory(
                    account,
                    new PeerGroup(
                        OrganizationKind.valueOf(rs.getString("organization_kind")),
                        Role.valueOf(rs.getString("role"))),
                    rs.getString("memory")),
            account.value());
    if (found.isEmpty()) {
      detection.forgetHistory(account);
      return false;
    }
    detection.takeBack(found.getFirst());
    return true;
  }

  /**
   * Saves the account's memory when it was not saved in the last {@link #EVERY} before {@code at}.
   */
  void maybeSave(Detection detection, AccountId account, Instant at) {
    Instant last = saved.get(account);
    if (last != null && Duration.between(last, at).compareTo(EVERY) < 0) {
      return;
    }
    save(detection, account, at);
  }

  /** Saves the account's memory now. */
  void save(Detection detection, AccountId account, Instant at) {
    detection
        .memory(account)
        .ifPresent(
            memory -> {
              jdbc.update(
                  "insert into detection_memory"
                      + " (account_id, organization_kind, role, memory, saved_at)"
                      + " values (?, ?, ?, ?::jsonb, ?)"
                      + " on conflict (account_id) do update set organization_kind ="
                      + " excluded.organization_kind, role = excluded.role,"
                      + " memory = excluded.memory, saved_at = excluded.saved_at",
                  account.value(),
                  memory.peers().organizationKind().name(),
                  memory.peers().role().name(),
                  memory.state(),
                  Timestamp.from(at));
              saved.put(account, at);
            });
  }
}
