package fr.vigie.exchange;

import java.time.Instant;
import java.util.UUID;

/**
 * One address, network or flood the exchange's watch found guessing tokens: when, how many guesses,
 * until when the exchange refuses it. The address stays out of {@link #toString()} and so out of
 * logs.
 *
 * @param address an address literal, a network ({@code 192.0.2.0/24}, a /64 for IPv6), or {@link
 *     ExchangeClient#UNKNOWN_NETWORKS}
 */
public record AddressAlert(UUID id, String address, Instant raisedAt, int refusals, Instant until) {
  /** What an alert has the exchange refuse. */
  public enum Target {
    ADDRESS,
    NETWORK,
    /** Every network that did not sign in successfully lately: a national alert. */
    UNKNOWN_NETWORKS
  }

  public Target target() {
    if (ExchangeClient.UNKNOWN_NETWORKS.equals(address)) {
      return Target.UNKNOWN_NETWORKS;
    }
    return address.contains("/") ? Target.NETWORK : Target.ADDRESS;
  }

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
