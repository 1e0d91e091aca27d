package fr.vigie.identity;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Who may act on whom, and which roles each kind of organization may hold (the matrix of {@code
 * docs/security.md}). France Travail is the register's controller: its security analysts, data
 * protection officer, helpdesk and administrators are national and reach every organization. A
 * partner network (Cap emploi, Mission locale) may have its own analysts and helpdesk, who reach
 * only their own organization, and no DPO or administrator. A subcontractor holds only file
 * exchange operators. A role its organization's kind may not hold gives no power at all, even to an
 * account created before these rules.
 */
@Service
public class Scopes {
  private final StaffAccounts accounts;

  Scopes(StaffAccounts accounts) {
    this.accounts = accounts;
  }

  /** Whether an organization of {@code kind} may hold an account of {@code role}. */
  public static boolean mayHold(OrganizationKind kind, Role role) {
    requireNonNull(kind, "kind is null");
    requireNonNull(role, "role is null");
    return switch (kind) {
      case FRANCE_TRAVAIL_AGENCY -> role != Role.SUBCONTRACTOR_OPERATOR;
      case CAP_EMPLOI, MISSION_LOCALE ->
          switch (role) {
            case ADVISOR, MANAGER, SECURITY_ANALYST, HELPDESK -> true;
            case DPO, ADMINISTRATOR, SUBCONTRACTOR_OPERATOR -> false;
          };
      case SUBCONTRACTOR -> role == Role.SUBCONTRACTOR_OPERATOR;
    };
  }

  /** Whether {@code role} in an organization of {@code kind} reaches every organization. */
  public static boolean national(OrganizationKind kind, Role role) {
    return kind == OrganizationKind.FRANCE_TRAVAIL_AGENCY && mayHold(kind, role);
  }

  /**
   * Whether an account of {@code role} in {@code organization} (of {@code kind}) may act on an
   * account of {@code target}: a national one anywhere, another only in its own organization, and
   * none at all with a role its kind may not hold.
   */
  public static boolean reaches(
      Role role, OrganizationKind kind, OrganizationId organization, OrganizationId target) {
    requireNonNull(organization, "organization is null");
    requireNonNull(target, "target is null");
    if (!mayHold(kind, role)) {
      return false;
    }
    return national(kind, role) || organization.equals(target);
  }

  /** Whether the staff account {@code actor} may act on the staff account {@code target}. */
  public boolean reaches(AccountId actor, AccountId target) {
    Optional<StaffAccounts.Account> by = accounts.byId(actor.value());
    Optional<StaffAccounts.Account> on = accounts.byId(target.value());
    return by.isPresent()
        && on.isPresent()
        && reaches(
            by.get().role(),
            by.get().organizationKind(),
            new OrganizationId(by.get().organizationId()),
            new OrganizationId(on.get().organizationId()));
  }

  /**
   * The one organization whose accounts {@code actor} reaches, or empty when it is national. An
   * unknown account, or one with a role its kind may not hold, reaches only its own (or none).
   */
  public Optional<OrganizationId> scopeOf(AccountId actor) {
    StaffAccounts.Account by =
        accounts
            .byId(actor.value())
            .orElseThrow(() -> new IllegalArgumentException("no staff account " + actor));
    if (national(by.organizationKind(), by.role())) {
      return Optional.empty();
    }
    return Optional.of(new OrganizationId(by.organizationId()));
  }
}
