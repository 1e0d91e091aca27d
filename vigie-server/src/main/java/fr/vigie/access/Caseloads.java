package fr.vigie.access;

import fr.vigie.registry.PersonId;
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
