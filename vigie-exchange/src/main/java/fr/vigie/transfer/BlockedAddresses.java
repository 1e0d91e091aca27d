package fr.vigie.transfer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Source addresses and networks the register told the exchange to refuse, each until a time: its
 * watch saw them guess tokens. Every HTTPS request and SFTP sign-in from one is refused, whatever
 * it carries; so is one from an unknown network while the register's {@link SignInGuard} runs. The
 * exchange never blocks an address of its own accord here; it obeys the register, as for accounts.
 * Held in memory for the per-request check and in the database so that a restart keeps them. A
 * network (the /24 of an IPv4 address, the /64 of an IPv6 one) is kept as {@code net:} and its
 * {@link AddressLimits#network}.
 */
@Component
class BlockedAddresses {
  private final JdbcTemplate jdbc;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, Instant> blocked = new ConcurrentHashMap<>();
  private final SignInGuard guard;

  BlockedAddresses(JdbcTemplate jdbc, SignInGuard guard) {
    this.jdbc = jdbc;
    this.guard = guard;
    jdbc.query(
        "select address, until from blocked_address where until > now()",
        row -> {
          blocked.put(row.getString(1), row.getTimestamp(2).toInstant());
        });
  }

  /** Refuses {@code address} until {@code until}; a later time told before is kept. */
  void block(String address, Instant until) {
    blocked.merge(address, until, (told, given) -> told.isAfter(given) ? told : given);
    jdbc.update(
        "insert into blocked_address (address, until) values (?, ?) on conflict (address)"
            + " do update set until = greatest(blocked_address.until, excluded.until)",
        address,
        Timestamp.from(until));
  }

  /** Lifts the block of {@code address} (an analyst found it honest). */
  void lift(String address) {
    blocked.remove(address);
    jdbc.update("delete from blocked_address where address = ?", address);
  }

  /** Refuses the network of {@code address} (its /24 or /64) until {@code until}. */
  void blockNetwork(String address, Instant until) {
    block(networkKey(address), until);
  }

  /** Lifts the block of the network of {@code address}. */
  void liftNetwork(String address) {
    lift(networkKey(address));
  }

  /** How long {@code address} is still refused (as an address, a network, or by the guard). */
  Optional<Duration> refused(String address) {
    return refusedAs(address)
        .or(() -> refusedAs(networkKey(address)))
        .or(() -> guard.refused(address));
  }

  static String networkKey(String address) {
    return "net:" + AddressLimits.network(address);
  }

  private Optional<Duration> refusedAs(String address) {
    Instant until = blocked.get(address);
    if (until == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!until.isAfter(now)) {
      blocked.remove(address, until);
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, until));
  }
}
