package fr.vigie.registry;

import fr.vigie.identity.OrganizationId;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Where the register stands against its retention period, in counts only: persons registered,
 * persons who left within the period, persons past it the nightly job has yet to shred, and persons
 * shredded. Read from the clear {@code retention_from} day, never from a personal field.
 */
@Service
public class RetentionStatus {
  private static final ZoneId DAYS = ZoneId.of("Europe/Paris");

  private final JdbcTemplate jdbc;
  private final Period period;
  private final Clock clock;

  RetentionStatus(
      JdbcTemplate jdbc,
      @Value("${vigie.retention.period:P20Y}") Period period,
      Optional<Clock> clock) {
    this.jdbc = jdbc;
    this.period = period;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /**
   * The counts, and the period they are measured against.
   *
   * @param due past the period: shredded by the next nightly run once their end date has stood for
   *     the grace period
   */
  public record Counts(
      Period period, LocalDate cutoff, long registered, long left, long due, long erased) {}

  /** The whole register's counts, or one organization's. */
  public Counts of(Optional<OrganizationId> organization) {
    LocalDate cutoff = LocalDate.ofInstant(clock.instant(), DAYS).minus(period);
    String select =
        "select count(*) filter (where erased_at is null and retention_from is null),"
            + " count(*) filter (where erased_at is null and retention_from >= ?),"
            + " count(*) filter (where erased_at is null and retention_from < ?),"
            + " count(*) filter (where erased_at is not null) from person";
    Date day = Date.valueOf(cutoff);
    return organization.isPresent()
        ? jdbc.queryForObject(
            select + " where organization_id = ?",
            (row, i) -> counts(cutoff, row),
            day,
            day,
            organization.get().value())
        : jdbc.queryForObject(select, (row, i) -> counts(cutoff, row), day, day);
  }

  private Counts counts(LocalDate cutoff, java.sql.ResultSet row) throws java.sql.SQLException {
    return new Counts(
        period, cutoff, row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4));
  }
}
