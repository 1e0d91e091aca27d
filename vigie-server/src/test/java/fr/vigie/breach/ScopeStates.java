package fr.vigie.breach;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Puts an incident's scopes in a completeness state, as the owner of the schema, once the walk the
 * declaration started has ended ({@link #walked}): that walk changes only a PENDING scope, so it
 * cannot overwrite a state set after it.
 */
final class ScopeStates {
  private ScopeStates() {}

  /** Waits for the completeness walks of the incident's scopes to end. */
  static void walked(JdbcTemplate owner, String incident) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (pending(owner, UUID.fromString(incident)) > 0) {
      assertThat(System.nanoTime()).as("the completeness walk ended").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  static void set(JdbcTemplate owner, String incident, Incident.Completeness.State state) {
    owner.update(
        "update incident_scope set completeness = ?, completeness_detail = ?"
            + " where incident_id = ?",
        state.name(),
        state == Incident.Completeness.State.FAILED ? "the index missed 1 entries" : null,
        UUID.fromString(incident));
  }

  private static int pending(JdbcTemplate owner, UUID id) {
    Integer pending =
        owner.queryForObject(
            "select count(*) from incident_scope where incident_id = ? and completeness = 'PENDING'",
            Integer.class,
            id);
    return pending == null ? 0 : pending;
  }
}
