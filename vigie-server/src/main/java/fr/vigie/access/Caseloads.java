package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.identity.AccountId;
import fr.vigie.registry.PersonId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The persons each advisor follows: the first relationship the policy reads. Listed by id only, to
 * the advisor itself or to a manager of its organization: this is no listing of the register.
 */
@Service
public class Caseloads {
  private final JdbcTemplate jdbc;

  Caseloads(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds persons to the caseload of the advisor with {@code login}; existing pairs stay. */
  @Transactional
  public void assign(String login, List<PersonId> persons) {
    jdbc.batchUpdate(
        "insert into caseload (advisor_id, person_id)"
            + " select a.id, ? from staff_account a where a.login = ?"
            + " on conflict do nothing",
        persons,
        1_000,
        (statement, person) -> {
          statement.setObject(1, person.value());
          statement.setString(2, login);
        });
  }

  /**
   * Refers persons to the partner organization with {@code organizationCode}, as the agency advisor
   * with login {@code referredBy} would; active referrals that exist stay. For loading a generated
   * or migrated agency; one referral at a time goes through {@link Relationships#refer}.
   */
  @Transactional
  public void refer(String organizationCode, List<PersonId> persons, String referredBy) {
    jdbc.batchUpdate(
        "insert into referral (person_id, organization_id, referred_by)"
            + " select ?, o.id, a.id from organization o, staff_account a"
            + " where o.code = ? and o.kind in ('CAP_EMPLOI', 'MISSION_LOCALE') and a.login = ?"
            + " on conflict do nothing",
        persons,
        1_000,
        (statement, person) -> {
          statement.setObject(1, person.value());
          statement.setString(2, organizationCode);
          statement.setString(3, referredBy);
        });
  }

  /**
   * An appointment of a person with the staff account {@code login}, as the scheduling system has
   * it.
   */
  public record Appointment(PersonId person, String login, Instant startsAt) {}

  /** Loads appointments from the scheduling system (or a generated agency). */
  @Transactional
  public void schedule(List<Appointment> appointments) {
    jdbc.batchUpdate(
        "insert into appointment (person_id, account_id, starts_at)"
            + " select ?, a.id, ? from staff_account a where a.login = ?",
        appointments,
        1_000,
        (statement, appointment) -> {
          statement.setObject(1, appointment.person().value());
          statement.setTimestamp(2, Timestamp.from(appointment.startsAt()));
          statement.setString(3, appointment.login());
        });
  }

  public long size(String login) {
    Long count =
        jdbc.queryForObject(
            "select count(*) from caseload c join staff_account a on a.id = c.advisor_id"
                + " where a.login = ?",
            Long.class,
            login);
    return count == null ? 0 : count;
  }

  /**
   * The persons {@code advisor} follows, newest first: an agency advisor's caseload, or, for an
   * advisor of a partner (Cap emploi, Mission locale), the persons actively referred to its
   * organization, which is what its advisors may read.
   */
  public CaseloadPage mine(Actor advisor, int limit, int offset) {
    requireNonNull(advisor, "advisor is null");
    checkPage(limit, offset);
    deny("list own caseload", ManagementRules.ownCaseload(advisor));
    return switch (advisor.organizationKind()) {
      case FRANCE_TRAVAIL_AGENCY -> assigned(advisor.account(), limit, offset);
      case CAP_EMPLOI, MISSION_LOCALE -> referred(advisor, limit, offset);
      case SUBCONTRACTOR -> throw new AccessDenied("list own caseload", DenyReason.NO_RELATIONSHIP);
    };
  }

  /** The caseload of {@code advisor}, for a manager of its organization; newest first. */
  public CaseloadPage of(Actor manager, AccountId advisor, int limit, int offset) {
    requireNonNull(manager, "manager is null");
    requireNonNull(advisor, "advisor is null");
    checkPage(limit, offset);
    Boolean advisorOfOrganization =
        jdbc.queryForObject(
            "select exists (select 1 from staff_account a"
                + " where a.id = ? and a.organization_id = ? and a.role = 'ADVISOR')",
            Boolean.class,
            advisor.value(),
            manager.organization().value());
    deny(
        "list caseload",
        ManagementRules.teamCaseload(manager, Boolean.TRUE.equals(advisorOfOrganization)));
    return assigned(advisor, limit, offset);
  }

  /** The advisors of {@code manager}'s organization with their caseload sizes, by login. */
  public List<TeamMember> team(Actor manager) {
    requireNonNull(manager, "manager is null");
    deny("list team", ManagementRules.teamCaseload(manager, true));
    return jdbc.query(
        "select a.id, a.login, (select count(*) from caseload c where c.advisor_id = a.id)"
            + " from staff_account a where a.organization_id = ? and a.role = 'ADVISOR'"
            + " order by a.login limit ?",
        (row, i) ->
            new TeamMember(
                new AccountId(row.getObject(1, UUID.class)), row.getString(2), row.getInt(3)),
        manager.organization().value(),
        CaseloadPage.MAX_LIMIT);
  }

  private CaseloadPage assigned(AccountId advisor, int limit, int offset) {
    List<CaseloadEntry> rows =
        jdbc.query(
            "select person_id, assigned_at from caseload where advisor_id = ?"
                + " order by assigned_at desc, person_id limit ? offset ?",
            (row, i) ->
                new CaseloadEntry(
                    new PersonId(row.getObject(1, UUID.class)),
                    Basis.CASELOAD,
                    row.getTimestamp(2).toInstant()),
            advisor.value(),
            limit + 1,
            offset);
    return page(Basis.CASELOAD, rows, limit, offset);
  }

  private CaseloadPage referred(Actor advisor, int limit, int offset) {
    List<CaseloadEntry> rows =
        jdbc.query(
            "select person_id, referred_at from referral"
                + " where organization_id = ? and ended_at is null"
                + " order by referred_at desc, person_id limit ? offset ?",
            (row, i) ->
                new CaseloadEntry(
                    new PersonId(row.getObject(1, UUID.class)),
                    Basis.REFERRAL,
                    row.getTimestamp(2).toInstant()),
            advisor.organization().value(),
            limit + 1,
            offset);
    return page(Basis.REFERRAL, rows, limit, offset);
  }

  private static CaseloadPage page(Basis basis, List<CaseloadEntry> rows, int limit, int offset) {
    boolean more = rows.size() > limit;
    return new CaseloadPage(basis, more ? rows.subList(0, limit) : rows, offset, more);
  }

  private static void checkPage(int limit, int offset) {
    if (limit < 1 || limit > CaseloadPage.MAX_LIMIT) {
      throw new VigieException(
          ProblemCode.FIELD_INVALID, "limit: expected 1 to " + CaseloadPage.MAX_LIMIT);
    }
    if (offset < 0 || offset > CaseloadPage.MAX_OFFSET) {
      throw new VigieException(
          ProblemCode.FIELD_INVALID, "offset: expected 0 to " + CaseloadPage.MAX_OFFSET);
    }
  }

  private static void deny(String action, Optional<DenyReason> denied) {
    if (denied.isPresent()) {
      throw new AccessDenied(action, denied.get());
    }
  }
}
