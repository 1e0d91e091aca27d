package fr.vigie.detection;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditScan;
import fr.vigie.audit.ProofException;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.Scopes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What an organization's accounts did, hour by hour, as the security analyst charts it: reads,
 * refusals, step-ups and containments, counted from the verified audit log. Counts only: no person,
 * no account leaves this class.
 */
@Service
public class Activity {
  /** The most hours one chart covers: a week. */
  public static final int MOST_HOURS = 168;

  /** The actor the audit log names for the detectors' containments. */
  private static final String DETECTION = "detection";

  /** The most organizations the chart's choice lists. */
  static final int MOST_ORGANIZATIONS = 5_000;

  private final AuditScan scan;
  private final Scopes scopes;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  Activity(AuditScan scan, Scopes scopes, JdbcTemplate jdbc, Clock clock) {
    this.scan = scan;
    this.scopes = scopes;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** One organization an analyst may chart. */
  public record Organization(OrganizationId id, String code, String name) {}

  /** What one hour counted. */
  public record Hour(Instant start, int reads, int refusals, int stepUps, int containments) {}

  /** The organizations {@code analyst} reaches: all for a national analyst, else its own. */
  public List<Organization> organizations(AccountId analyst) {
    Optional<OrganizationId> scope = scopes.scopeOf(analyst);
    String select = "select id, code, name from organization";
    return scope.isPresent()
        ? jdbc.query(select + " where id = ?", Activity::organization, scope.get().value())
        : jdbc.query(select + " order by code limit ?", Activity::organization, MOST_ORGANIZATIONS);
  }

  /**
   * The last {@code hours} hours of {@code organization}, the current one last: one count each.
   *
   * @throws VigieException {@code ACCESS_DENIED} for an organization the analyst does not reach,
   *     {@code AUDIT_UNAVAILABLE} when the log cannot be read or does not verify
   */
  public List<Hour> hourly(AccountId analyst, OrganizationId organization, int hours) {
    requireNonNull(organization, "organization is null");
    if (hours < 1 || hours > MOST_HOURS) {
      throw new VigieException(ProblemCode.FIELD_INVALID, "hours: 1 to " + MOST_HOURS);
    }
    Optional<OrganizationId> scope = scopes.scopeOf(analyst);
    if (scope.isPresent() && !scope.get().equals(organization)) {
      throw new VigieException(ProblemCode.ACCESS_DENIED, "an organization out of scope");
    }
    Instant end = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    Instant start = end.minus(Duration.ofHours(hours));
    Counts counts = new Counts(start, hours, organization.toString(), accounts(organization));
    try {
      scan.scan(
          new AuditScan.Selection(Set.of(DETECTION), Set.of(organization.toString()), start, end),
          (index, event) -> counts.add(event));
    } catch (ProofException e) {
      throw new VigieException(ProblemCode.AUDIT_UNAVAILABLE, "the audit log does not verify");
    }
    return counts.hours();
  }

  private Set<String> accounts(OrganizationId organization) {
    return new HashSet<>(
        jdbc.query(
            "select id from staff_account where organization_id = ?",
            (row, i) -> row.getObject(1, UUID.class).toString(),
            organization.value()));
  }

  private static Organization organization(java.sql.ResultSet row, int i)
      throws java.sql.SQLException {
    return new Organization(
        new OrganizationId(row.getObject(1, UUID.class)), row.getString(2), row.getString(3));
  }

  /** Counts per hour; an event outside the window (the scan widens it) is left out. */
  private static final class Counts {
    private final Instant start;
    private final String organization;
    private final Set<String> accounts;
    private final int[][] counts;

    Counts(Instant start, int hours, String organization, Set<String> accounts) {
      this.start = start;
      this.organization = organization;
      this.accounts = accounts;
      this.counts = new int[hours][4];
    }

    void add(AuditEvent event) {
      long hour = Duration.between(start, event.at()).toHours();
      if (event.at().isBefore(start) || hour >= counts.length) {
        return;
      }
      int series = series(event);
      if (series >= 0) {
        counts[(int) hour][series]++;
      }
    }

    /** 0 a read, 1 a refusal, 2 a step-up, 3 a containment; -1 none of them. */
    private int series(AuditEvent event) {
      if (event.action() == AuditAction.CONTAINMENT) {
        return containment(event.purpose());
      }
      if (!organization.equals(event.organization())) {
        return -1;
      }
      if (event.decision() == AuditDecision.DENY) {
        return 1;
      }
      return event.action() == AuditAction.READ ? 0 : -1;
    }

    /** A containment's purpose is {@code STATE.ACCOUNT}: counted if the account is ours. */
    private int containment(String purpose) {
      int dot = purpose == null ? -1 : purpose.indexOf('.');
      if (dot < 0 || !accounts.contains(purpose.substring(dot + 1).toLowerCase(Locale.ROOT))) {
        return -1;
      }
      ContainmentState state;
      try {
        state = ContainmentState.valueOf(purpose.substring(0, dot));
      } catch (IllegalArgumentException e) {
        return -1;
      }
      return switch (state) {
        case ACTIVE -> -1;
        case STEP_UP -> 2;
        case THROTTLED, SUSPENDED -> 3;
      };
    }

    List<Hour> hours() {
      return java.util.stream.IntStream.range(0, counts.length)
          .mapToObj(
              h ->
                  new Hour(
                      start.plus(Duration.ofHours(h)),
                      counts[h][0],
                      counts[h][1],
                      counts[h][2],
                      counts[h][3]))
          .toList();
    }
  }
}
