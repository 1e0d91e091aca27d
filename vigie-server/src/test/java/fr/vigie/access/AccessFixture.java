package fr.vigie.access;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import java.nio.ByteBuffer;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows for access tests, written straight to a test database: organizations, staff accounts, and
 * minimal persons (ids, organization and blind indexes only; every personal field stays null).
 */
final class AccessFixture {
  final JdbcTemplate jdbc;

  AccessFixture(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  OrganizationId organization(OrganizationKind kind) {
    UUID id = UUID.randomUUID();
    jdbc.update(
        "insert into organization (id, code, kind, name) values (?, ?, ?, ?)",
        id,
        kind.name() + "-" + id,
        kind.name(),
        "Organization " + id);
    return new OrganizationId(id);
  }

  Actor account(OrganizationId organization, OrganizationKind kind, Role role) {
    UUID id = UUID.randomUUID();
    jdbc.update(
        "insert into staff_account (id, organization_id, login, role) values (?, ?, ?, ?)",
        id,
        organization.value(),
        "login-" + id,
        role.name());
    return new Actor(new AccountId(id), role, organization, kind, false);
  }

  /** A person followed by {@code organization} (none if null), with the given NIR index. */
  PersonId person(OrganizationId organization, byte[] nirIndex) {
    PersonId id = PersonId.newId();
    jdbc.update(
        "insert into person (id, organization_id, identifier_index, nir_index) values (?, ?, ?, ?)",
        id.value(),
        organization == null ? null : organization.value(),
        uuidBytes(UUID.randomUUID()),
        nirIndex);
    return id;
  }

  PersonId person(OrganizationId organization) {
    return person(organization, null);
  }

  /** A caseload row as it may be left in the database, whatever a manager may do today. */
  void caseloadRow(Actor advisor, PersonId person) {
    jdbc.update(
        "insert into caseload (advisor_id, person_id) values (?, ?) on conflict do nothing",
        advisor.account().value(),
        person.value());
  }

  /** A referral row, ended or not, written directly. */
  void referralRow(PersonId person, OrganizationId organization, Actor by, boolean ended) {
    jdbc.update(
        "insert into referral (person_id, organization_id, referred_by, referred_at, ended_at)"
            + " values (?, ?, ?, now() - interval '1 day', case when ? then now() end)"
            + " on conflict (person_id, organization_id) where ended_at is null do nothing",
        person.value(),
        organization.value(),
        by.account().value(),
        ended);
  }

  static byte[] uuidBytes(UUID id) {
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }
}
