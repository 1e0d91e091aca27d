package fr.vigie.detection;

/**
 * Persons read that the account never read before and that no manager's time-boxed relationship
 * explains (an appointment of the organization does not, {@link AccountHistory#neverRead}), today
 * and over its last few active days, far above its own and its peers' usual days: the owner goes
 * back to the same caseload week after week, a thief on the owner's PC goes through persons of the
 * organization the account never opened, at whatever pace and hour. A stranger or two at the desk
 * say nothing and a few a day add up. With {@code accumulated-never-read}, which the same run
 * raises, it suspends.
 */
final class NeverRead extends RecentDays {
  /** The least usual rate a day believed. */
  static final double LEAST_RATE = 0.5;

  @Override
  public String name() {
    return "never-read";
  }

  @Override
  DailyCount count(AccountHistory history) {
    return history.neverRead;
  }

  @Override
  boolean judges(AccountHistory history, Access access) {
    return access.disclosed()
        && access.link() != Link.TIME_BOXED
        && history.settled(access.at())
        && !Detectors.bursting(history, access);
  }

  @Override
  double usual(AccountHistory history, PeerStats peers) {
    return history.usualNeverRead(peers, LEAST_RATE);
  }

  @Override
  String reason(int sum, int days, String usual) {
    return sum
        + " persons read in its last "
        + days
        + " active days that it never read before, with no relationship explaining them; its"
        + " usual day has "
        + usual;
  }
}
