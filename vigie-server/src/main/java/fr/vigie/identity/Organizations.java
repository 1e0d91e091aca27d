package fr.vigie.identity;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The identity feature's entry point, for now: organizations and the staff accounts in them. */
@Service
public class Organizations {
  private final JdbcTemplate jdbc;

  Organizations(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** An organization to register; its code is its stable name in files and commands. */
  public record NewOrganization(String code, OrganizationKind kind, String name) {
    public NewOrganization {
      requireNonNull(code, "code is null");
      requireNonNull(kind, "kind is null");
      requireNonNull(name, "name is null");
    }
  }

  /** A staff account to register in the organization with {@code organizationCode}. */
  public record NewAccount(String login, String organizationCode, Role role) {
    public NewAccount {
      requireNonNull(login, "login is null");
      requireNonNull(organizationCode, "organizationCode is null");
      requireNonNull(role, "role is null");
    }
  }

  /** Registers organizations; one whose code exists already is left as it is. */
  @Transactional
  public void registerOrganizations(List<NewOrganization> organizations) {
    jdbc.batchUpdate(
        "insert into organization (id, code, kind, name) values (?, ?, ?, ?)"
            + " on conflict (code) do nothing",
        organizations,
        500,
        (statement, o) -> {
          statement.setObject(1, UUID.randomUUID());
          statement.setString(2, o.code());
          statement.setString(3, o.kind().name());
          statement.setString(4, o.name());
        });
  }

  /**
   * Registers staff accounts; one whose login exists already is left as it is. A role the kind of
   * its organization may not hold ({@link Scopes#mayHold}) refuses the whole batch with {@link
   * ProblemCode#ROLE_NOT_ALLOWED}.
   */
  @Transactional
  public void registerAccounts(List<NewAccount> accounts) {
    Map<String, Optional<OrganizationKind>> kinds = new HashMap<>();
    for (NewAccount account : accounts) {
      Optional<OrganizationKind> kind =
          kinds.computeIfAbsent(account.organizationCode(), this::kindOf);
      if (kind.isPresent() && !Scopes.mayHold(kind.get(), account.role())) {
        throw new VigieException(
            ProblemCode.ROLE_NOT_ALLOWED,
            "an organization of kind "
                + kind.get()
                + " may not hold a "
                + account.role()
                + " account (see docs/security.md)");
      }
    }
    jdbc.batchUpdate(
        "insert into staff_account (id, organization_id, login, role)"
            + " select ?, o.id, ?, ? from organization o where o.code = ?"
            + " on conflict (login) do nothing",
        accounts,
        500,
        (statement, a) -> {
          statement.setObject(1, UUID.randomUUID());
          statement.setString(2, a.login());
          statement.setString(3, a.role().name());
          statement.setString(4, a.organizationCode());
        });
  }

  private Optional<OrganizationKind> kindOf(String code) {
    return jdbc
        .queryForList("select kind from organization where code = ?", String.class, code)
        .stream()
        .findFirst()
        .map(OrganizationKind::valueOf);
  }

  public long countOrganizations() {
    Long count = jdbc.queryForObject("select count(*) from organization", Long.class);
    return count == null ? 0 : count;
  }
}
