package fr.vigie.access;

import fr.vigie.registry.PersonId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The persons each advisor follows: the first relationship the policy reads. */
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
}
