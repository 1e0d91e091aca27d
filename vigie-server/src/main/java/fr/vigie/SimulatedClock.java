package fr.vigie;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that the evaluation moves: with {@code vigie.clock.simulated=true} the whole server reads
 * simulated time (sign-in codes, ceilings, detectors, audit times) while a simulated agency drives
 * it, days in seconds. Nothing outside the process can move it. The simulation plays each account's
 * day in order, one account after another, so the time may go back between two accounts; each
 * account's own time only goes forward.
 */
public final class SimulatedClock extends Clock {
  private final AtomicReference<Instant> now;

  public SimulatedClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Sets the time to {@code at}. */
  public void set(Instant at) {
    now.set(java.util.Objects.requireNonNull(at, "at is null"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the simulated clock is in UTC");
  }
}
