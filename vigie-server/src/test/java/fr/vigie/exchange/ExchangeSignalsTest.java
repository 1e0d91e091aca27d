package fr.vigie.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.exchange.ExchangeSignals.Finding;
import fr.vigie.exchange.ExchangeSignals.WorkingHours;
import fr.vigie.identity.ContainmentState;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ExchangeSignalsTest {
  private static final WorkingHours HOURS =
      WorkingHours.parse(ZoneId.of("Europe/Paris"), "07:00-20:00");

  @Test
  void pulled_upToWhatWasPlaced_findsNothing() {
    assertThat(ExchangeSignals.pulled("outbound/batch-1.pgp", 1000L, 1000)).isEmpty();
    assertThat(ExchangeSignals.pulled("outbound/batch-1.pgp", 1000L, 0)).isEmpty();
  }

  @Test
  void pulled_moreThanWasPlaced_suspends() {
    assertThat(ExchangeSignals.pulled("outbound/batch-1.pgp", 1000L, 1001))
        .map(Finding::target)
        .contains(ContainmentState.SUSPENDED);
  }

  @Test
  void pulled_aFileNeverPlacedForTheAccount_suspends() {
    assertThat(ExchangeSignals.pulled("outbound/batch-2.pgp", null, 1))
        .map(Finding::target)
        .contains(ContainmentState.SUSPENDED);
  }

  @Test
  void signedIn_oddHourOrNewNetworkAlone_asksAStepUp_bothSuspend() {
    assertThat(ExchangeSignals.signedIn(false, false)).isEmpty();
    assertThat(ExchangeSignals.signedIn(true, false))
        .map(Finding::target)
        .contains(ContainmentState.STEP_UP);
    assertThat(ExchangeSignals.signedIn(false, true))
        .map(Finding::target)
        .contains(ContainmentState.STEP_UP);
    assertThat(ExchangeSignals.signedIn(true, true))
        .map(Finding::target)
        .contains(ContainmentState.SUSPENDED);
  }

  @Test
  void odd_outsideWeekdayHoursInTheSubcontractorsZone_isTrue() {
    // Monday 2 March 2026 in Paris (UTC+1).
    assertThat(HOURS.odd(Instant.parse("2026-03-02T06:00:00Z"))).isFalse(); // 07:00
    assertThat(HOURS.odd(Instant.parse("2026-03-02T18:59:59Z"))).isFalse(); // 19:59:59
    assertThat(HOURS.odd(Instant.parse("2026-03-02T19:00:00Z"))).isTrue(); // 20:00
    assertThat(HOURS.odd(Instant.parse("2026-03-02T05:59:59Z"))).isTrue(); // 06:59:59
    assertThat(HOURS.odd(Instant.parse("2026-03-07T10:00:00Z"))).isTrue(); // Saturday
  }

  @Test
  void network_ofAnAddress_isItsSlash24OrSlash64_andNothingForANonAddress() {
    assertThat(ExchangeSignals.network("192.0.2.10"))
        .isEqualTo(ExchangeSignals.network("192.0.2.200"));
    assertThat(ExchangeSignals.network("192.0.2.10"))
        .isNotEqualTo(ExchangeSignals.network("192.0.3.10"));
    assertThat(ExchangeSignals.network("2001:db8:0:1::5"))
        .isEqualTo(ExchangeSignals.network("2001:db8:0:1::77"));
    assertThat(ExchangeSignals.network("register")).isEmpty();
    assertThat(ExchangeSignals.network("exchange.example.test")).isEmpty();
  }
}
