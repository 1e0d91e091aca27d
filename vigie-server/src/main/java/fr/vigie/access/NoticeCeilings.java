package fr.vigie.access;

import fr.vigie.detection.Access;
import fr.vigie.detection.AccountProfile;
import fr.vigie.detection.Admission;
import fr.vigie.detection.Ceilings;
import fr.vigie.detection.Detection;
import fr.vigie.detection.Limit;
import fr.vigie.detection.Limit.Measure;
import fr.vigie.detection.Limit.OnBreach;
import fr.vigie.detection.Thresholds;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The ceilings of reads for {@link Purpose#BREACH_NOTICE}, in place of the DPO's own (5 persons a
 * minute suspends, 20 a day), which would stop a sender at its fifth notice. Bulk notification is
 * bounded first by the policy: a notice read opens only the contact fields of a person whose notice
 * the outbox holds claimed at that moment, so each person's contact is read about once per notice.
 * These ceilings bound the pace on top: {@code vigie.breach.notice.ceiling.per-minute} distinct
 * persons a minute (default 150, above the sender's default pace of 2 a second) and {@code
 * vigie.breach.notice.ceiling.per-day} a day (default 100,000; raise it for a larger incident).
 * Over either, the read is refused, audited as {@code CEILING.NOTICE-MINUTE} or {@code
 * CEILING.NOTICE-DAILY}, and the sender waits; nothing suspends the DPO. Counted in the process
 * that sends.
 */
@Component
class NoticeCeilings {
  private final Detection counters;

  NoticeCeilings(
      @Value("${vigie.breach.notice.ceiling.per-minute:150}") int perMinute,
      @Value("${vigie.breach.notice.ceiling.per-day:100000}") int perDay) {
    List<Limit> limits =
        List.of(
            new Limit(
                "notice-minute",
                Measure.PERSONS,
                Duration.ofMinutes(1),
                perMinute,
                OnBreach.REFUSE),
            new Limit("notice-daily", Measure.PERSONS, Duration.ofDays(1), perDay, OnBreach.REFUSE),
            new Limit(
                "notice-accesses-minute",
                Measure.ACCESSES,
                Duration.ofMinutes(1),
                2 * perMinute,
                OnBreach.REFUSE));
    // Notices go out day and night alike, and a recovered DPO account reads none anyway (the
    // policy refuses a restricted actor): the factors stay at 1.
    this.counters =
        new Detection(
            new Ceilings(
                Map.of(),
                limits,
                ZoneId.of("Europe/Paris"),
                LocalTime.of(20, 0),
                LocalTime.of(7, 0),
                1.0,
                Duration.ofDays(1),
                1.0),
            List.of(),
            Thresholds.defaults());
  }

  Admission admit(AccountProfile profile, Access access) {
    return counters.admit(profile, access);
  }
}
