package fr.vigie.exchange;

import java.time.Instant;
import java.util.UUID;

/**
 * One address the exchange's watch found guessing tokens: when, how many guesses, until when the
 * exchange refuses it. The address stays out of {@link #toString()} and so out of logs.
 */
public record AddressAlert(UUID id, String address, Instant raisedAt, int refusals, Instant until) {
  @Override
  public String toString() {
    return "AddressAlert[" + id + ", " + refusals + " refusals, until " + until + "]";
  }

  static AddressAlert of(java.sql.ResultSet row) throws java.sql.SQLException {
    return new AddressAlert(
        row.getObject("id", UUID.class),
        row.getString("address"),
        row.getTimestamp("raised_at").toInstant(),
        row.getInt("refusals"),
        row.getTimestamp("until").toInstant());
  }
}
