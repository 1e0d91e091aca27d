package fr.vigie.detection;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The detectors that look across accounts, where one account's history shows nothing: an
 * organization whose accounts rise together ({@link OrganizationRise}), the same persons read by
 * several accounts nothing links to them ({@link SharedPersons}), reads that walk the register
 * ({@link RegisterWalk}). Each finding names every account involved. Thread-safe: one lock for all,
 * taken after an account's own lock is released.
 */
public final class CrossAccount {
  private final ZoneId zone;
  private final OrganizationRise rise = new OrganizationRise();
  private final SharedPersons shared = new SharedPersons();
  private final RegisterWalk walk = new RegisterWalk();

  public CrossAccount(ZoneId zone) {
    this.zone = requireNonNull(zone, "zone is null");
  }

  /** What the detectors across accounts find now that {@code access} happened. */
  synchronized List<CrossFinding> observe(
      String organization, Access access, OrganizationRise.Today today) {
    requireNonNull(organization, "organization is null");
    if (!access.disclosed()) {
      return List.of();
    }
    List<CrossFinding> found = new ArrayList<>(1);
    rise.observe(organization, access.account(), access.at().atZone(zone).toLocalDate(), today)
        .ifPresent(found::add);
    shared.observe(access).ifPresent(found::add);
    walk.observe(organization, access).ifPresent(found::add);
    return found;
  }
}
