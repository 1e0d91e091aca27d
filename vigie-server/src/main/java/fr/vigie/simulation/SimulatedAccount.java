package fr.vigie.simulation;

import static java.util.Objects.requireNonNull;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationKind;

/**
 * One advisor's staff account in a simulation: its id, its organization and the caseload it follows
 * (for a partner advisor, the persons referred to its organization that it follows).
 *
 * @param index the advisor's index in {@link SyntheticAgency#advisors()}
 */
public record SimulatedAccount(
    int index, AccountId id, SyntheticAdvisor advisor, SyntheticOrganization organization) {
  public SimulatedAccount {
    requireNonNull(id, "id is null");
    requireNonNull(advisor, "advisor is null");
    requireNonNull(organization, "organization is null");
  }

  public OrganizationKind kind() {
    return organization.kind();
  }

  /** True for a Cap emploi or Mission locale advisor: it reads only referred persons. */
  public boolean partner() {
    return kind() != OrganizationKind.FRANCE_TRAVAIL_AGENCY;
  }
}
