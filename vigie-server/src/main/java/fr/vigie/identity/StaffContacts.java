package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.crypto.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The staff addresses on file, sealed in the database. {@link #openEmail} is the only place that
 * unseals one: to send a recovery notice or code.
 */
@Component
class StaffContacts {
  private final JdbcTemplate jdbc;
  private final KeyRing keys;

  StaffContacts(JdbcTemplate jdbc, KeyRing keys) {
    this.jdbc = jdbc;
    this.keys = keys;
  }

  /** The address of {@code account} if one was on file strictly before {@code before}. */
  Optional<String> openEmail(UUID account, Instant before) {
    List<byte[]> sealed =
        jdbc.queryForList(
            "select email from staff_account where id = ? and email is not null"
                + " and email_set_at < ?",
            byte[].class,
            account,
            Timestamp.from(before));
    if (sealed.isEmpty()) {
      return Optional.empty();
    }
    try {
      byte[] email =
          keys.secretBox().openSecret(Credentials.EMAIL_PURPOSE, account.toString(), sealed.get(0));
      return Optional.of(new String(email, StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new VigieException(ProblemCode.KEY_UNAVAILABLE, "a staff address cannot be opened", e);
    }
  }
}
