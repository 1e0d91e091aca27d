package fr.vigie.transfer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The register's answer to guessed tokens spread over many addresses, each too few to be blocked on
 * its own: until a time, every request and sign-in from a network (the /24 of an IPv4 address, the
 * /64 of an IPv6 one) that did not sign in successfully within {@code known-for} is refused. The
 * subcontractors' machines keep working from the networks they used; a machine on a network never
 * used before waits for the end of the guard or its lift by an analyst. The known networks are read
 * from the operation log when the guard starts (and again after a restart). An exchange that knows
 * no network (new, or no sign-in within {@code known-for}) would refuse everyone, its honest
 * subcontractors first, and none of them could ever become known: there the guard refuses nobody,
 * and says so in the log.
 */
@Component
class SignInGuard {
  private static final Logger log = LoggerFactory.getLogger(SignInGuard.class);
  private final JdbcTemplate jdbc;
  private final Duration knownFor;
  private final Clock clock = Clock.systemUTC();
  private volatile Instant until;
  private volatile Set<String> known = Set.of();

  SignInGuard(
      JdbcTemplate jdbc, @Value("${vigie.exchange.guard.known-for:P90D}") Duration knownFor) {
    if (knownFor.isNegative() || knownFor.isZero()) {
      throw new IllegalArgumentException("vigie.exchange.guard.known-for must be positive");
    }
    this.jdbc = jdbc;
    this.knownFor = knownFor;
    jdbc.query(
        "select until from sign_in_guard where until > now()",
        row -> {
          known = knownNetworks();
          until = row.getTimestamp(1).toInstant();
        });
  }

  /** Serves only the known networks until {@code until}; a later time told before is kept. */
  synchronized void raise(Instant until) {
    jdbc.update(
        "insert into sign_in_guard (until) values (?) on conflict (singleton)"
            + " do update set until = greatest(sign_in_guard.until, excluded.until)",
        Timestamp.from(until));
    known = knownNetworks();
    this.until = this.until == null || until.isAfter(this.until) ? until : this.until;
    if (known.isEmpty()) {
      log.warn(
          "sign-in guard raised, but no network signed in within {}: it refuses nobody", knownFor);
    }
  }

  /** Serves every network again (an analyst lifted the national alert). */
  synchronized void lift() {
    jdbc.update("delete from sign_in_guard");
    until = null;
  }

  /** How long {@code address} is still refused by the guard; empty when it is served. */
  Optional<Duration> refused(String address) {
    Instant end = until;
    if (end == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!end.isAfter(now) || serves(known, AddressLimits.network(address))) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, end));
  }

  /**
   * Whether a guard knowing {@code known} serves {@code network}: all of them when it knows none.
   */
  static boolean serves(Set<String> known, String network) {
    return known.isEmpty() || known.contains(network);
  }

  private Set<String> knownNetworks() {
    Set<String> networks = new HashSet<>();
    jdbc.query(
        "select distinct source from operation where kind = 'SIGN_IN' and outcome = 'ok'"
            + " and at > ?",
        row -> {
          networks.add(AddressLimits.network(row.getString(1)));
        },
        Timestamp.from(clock.instant().minus(knownFor)));
    return Set.copyOf(networks);
  }
}
