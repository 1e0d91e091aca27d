package fr.vigie.detection;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * What the accounts of one peer group (same organization kind and role) do on a day: how many
 * persons, how many unexplained, at which hours. Learnt from every closed day of every account of
 * the group. Thread-safe.
 */
public final class PeerStats {
  private static final int HISTOGRAM = 1024;

  private final ZoneId zone;
  private final long[] dailyPersons = new long[HISTOGRAM];
  private final long[] hourOfWeek = new long[168];
  private long days;
  private long persons;
  private long unexplained;
  private long outside;
  private long neverRead;
  private long neverReadDays;
  private long emptySearches;
  private long searchDays;
  private long disclosures;

  PeerStats(ZoneId zone) {
    this.zone = zone;
  }

  synchronized void learn(AccountHistory.ClosedDay day) {
    dailyPersons[Math.min(day.persons(), HISTOGRAM - 1)]++;
    days++;
    persons += day.persons();
    unexplained += day.unexplained();
    outside += day.outside();
    if (day.neverRead() >= 0) {
      neverRead += day.neverRead();
      neverReadDays++;
    }
    if (day.emptySearches() >= 0) {
      emptySearches += day.emptySearches();
      searchDays++;
    }
  }

  /** Mean searches that found nobody a closed day of searching; 0 before 100 such days. */
  public synchronized double emptySearchesMean() {
    return searchDays < 100 ? 0 : (double) emptySearches / searchDays;
  }

  /**
   * Mean distinct persons a closed day of a settled account that it never read before and no
   * relationship explained; 0 before 100 such days.
   */
  public synchronized double neverReadMean() {
    return neverReadDays < 100 ? 0 : (double) neverRead / neverReadDays;
  }

  /** Mean distinct persons outside what the account follows per closed day; 0 before 100 days. */
  public synchronized double outsideMean() {
    return days < 100 ? 0 : (double) outside / days;
  }

  synchronized void disclosed(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    hourOfWeek[(local.getDayOfWeek().getValue() - 1) * 24 + local.getHour()]++;
    disclosures++;
  }

  /** Disclosures by hour of the week of an account remembered from before a restart. */
  synchronized void learnHours(long[] hours) {
    for (int i = 0; i < hourOfWeek.length && i < hours.length; i++) {
      hourOfWeek[i] += hours[i];
      disclosures += hours[i];
    }
  }

  /** Closed account-days learnt. */
  public synchronized long days() {
    return days;
  }

  /** The share of persons no appointment explained, over every closed day; {@code prior} before. */
  public synchronized double unexplainedShare(double prior) {
    return persons < 1000 ? prior : (double) unexplained / persons;
  }

  /** The daily distinct persons below which {@code quantile} of the group's days fall. */
  public synchronized int dailyPersonsQuantile(double quantile) {
    if (days == 0) {
      return Integer.MAX_VALUE;
    }
    long target = (long) Math.ceil(quantile * days);
    long seen = 0;
    for (int n = 0; n < HISTOGRAM; n++) {
      seen += dailyPersons[n];
      if (seen >= target) {
        return n;
      }
    }
    return HISTOGRAM - 1;
  }

  /** The share of the group's disclosures that fall in this hour of the week. */
  public synchronized double shareOfHourOfWeek(Instant at) {
    if (disclosures == 0) {
      return 1;
    }
    ZonedDateTime local = at.atZone(zone);
    return (double) hourOfWeek[(local.getDayOfWeek().getValue() - 1) * 24 + local.getHour()]
        / disclosures;
  }
}
