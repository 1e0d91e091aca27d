package fr.vigie.registry;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The retention run, as the application's own database role: a person it crypto-shreds keeps no row
 * that links it to an advisor, a partner, an appointment, its identity at an identity provider or
 * its flags. Once, the link to the person's identity outlived the erasure.
 */
class RetentionUnlinksIT extends IdentityIntegrationTest {
  private static final List<String> LINKS =
      List.of("caseload", "referral", "appointment", "person_link", "read_flag");
  private static final SecureRandom RANDOM = new SecureRandom();

  @Autowired Registry registry;

  @Test
  void retentionRun_erasedPerson_leavesNoLinkAndOthersKeepTheirs() {
    String agency = "FT-" + UUID.randomUUID();
    String partner = "CE-" + UUID.randomUUID();
    TestAccount advisor = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    newAccount(Role.ADVISOR, partner, OrganizationKind.CAP_EMPLOI);
    LocalDate today = LocalDate.ofInstant(clockNow(), ZoneId.of("Europe/Paris"));
    long n = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    PersonRecord expired = leftOn(fr.vigie.web.TestPersons.person(n, agency), today.minusYears(18));
    PersonRecord current = fr.vigie.web.TestPersons.person(n + 1, agency);
    registry.importRecords(
        List.of(expired, current).iterator(), 2, ImportOptions.defaults(), ImportProgress.NONE);
    UUID gone = registry.findByIdentifier(expired.identifier()).orElseThrow().value();
    UUID kept = registry.findByIdentifier(current.identifier()).orElseThrow().value();
    for (UUID person : List.of(gone, kept)) {
      link(person, advisor, partner);
    }
    // Its end date has stood unchanged for longer than the grace time.
    jdbc.update(
        "update person set retention_set_at = ? where id = ?",
        Timestamp.from(clockNow().minus(java.time.Duration.ofDays(31))),
        gone);

    long erased =
        registry.eraseExpired(Period.ofYears(17), Registry.DEFAULT_GRACE, today, clockNow());

    assertThat(erased).isPositive();
    assertThat(registry.findByIdentifier(expired.identifier())).isEmpty();
    for (String table : LINKS) {
      assertThat(rows(table, gone)).as(table + " of the erased person").isZero();
      assertThat(rows(table, kept)).as(table + " of a person kept").isOne();
    }
  }

  private void link(UUID person, TestAccount advisor, String partner) {
    jdbc.update("insert into caseload (advisor_id, person_id) values (?, ?)", advisor.id(), person);
    jdbc.update(
        "insert into referral (person_id, organization_id, referred_by)"
            + " select ?, o.id, ? from organization o where o.code = ?",
        person,
        advisor.id(),
        partner);
    jdbc.update(
        "insert into appointment (person_id, account_id, starts_at) values (?, ?, ?)",
        person,
        advisor.id(),
        Timestamp.from(clockNow()));
    jdbc.update(
        "insert into person_link (subject_digest, issuer_digest, person_id, linked_at)"
            + " values (?, ?, ?, ?)",
        digest(),
        digest(),
        person,
        Timestamp.from(clockNow()));
    jdbc.update(
        "insert into read_flag (id, person_id, audit_idx, account_id, flagged_at)"
            + " values (?, ?, 1, ?, ?)",
        UUID.randomUUID(),
        person,
        advisor.id(),
        Timestamp.from(clockNow()));
  }

  private int rows(String table, UUID person) {
    return jdbc.queryForObject(
        "select count(*) from " + table + " where person_id = ?", Integer.class, person);
  }

  private static byte[] digest() {
    byte[] digest = new byte[32];
    RANDOM.nextBytes(digest);
    return digest;
  }

  /** {@code row} registered on 2005-01-10 and ended on {@code leftOn}. */
  static PersonRecord leftOn(PersonRecord row, LocalDate leftOn) {
    return new PersonRecord(
        row.identifier(),
        row.nir(),
        row.sex(),
        row.birthName(),
        row.usualName(),
        row.firstNames(),
        row.birthDate(),
        row.birthPlace(),
        row.email(),
        row.phone(),
        row.address(),
        row.category(),
        LocalDate.of(2005, 1, 10),
        leftOn,
        row.organization());
  }
}
