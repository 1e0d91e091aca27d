package fr.vigie.simulation;

import fr.vigie.access.Caseloads;
import fr.vigie.identity.Organizations;
import fr.vigie.identity.Role;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.ImportReport;
import fr.vigie.registry.PersonId;
import fr.vigie.registry.Registry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Loads a generated agency into an empty register on first start: organizations, advisors, persons
 * (through the real import path, encrypted), caseloads, and the referrals of the partners' persons
 * to their organization. Logs counts only.
 */
@Service
public class DemoAgency {
  private static final Logger log = LoggerFactory.getLogger(DemoAgency.class);

  private final Registry registry;
  private final Organizations organizations;
  private final Caseloads caseloads;
  private final boolean enabled;
  private final long persons;
  private final long seed;

  DemoAgency(
      Registry registry,
      Organizations organizations,
      Caseloads caseloads,
      @Value("${vigie.demo.enabled:true}") boolean enabled,
      @Value("${vigie.demo.persons:20000}") long persons,
      @Value("${vigie.demo.seed:2024}") long seed) {
    this.registry = registry;
    this.organizations = organizations;
    this.caseloads = caseloads;
    this.enabled = enabled;
    this.persons = persons;
    this.seed = seed;
  }

  /** Whether this Vigie loads and shows a demo agency ({@code vigie.demo.enabled}). */
  public boolean enabled() {
    return enabled;
  }

  /** Loads the demo agency unless disabled or the register already holds persons. */
  public void loadIfEmpty() {
    if (!enabled || registry.count() > 0) {
      return;
    }
    log.info("Loading the demo agency: {} generated persons (seed {})", persons, seed);
    SyntheticAgency agency = SyntheticAgency.generate(persons, seed);
    ImportReport report = load(agency);
    log.info(
        "Demo agency loaded: {} organizations, {} advisors, {} persons in {} ms ({} refused,"
            + " past the retention period)",
        agency.organizations().size(),
        agency.advisors().size(),
        report.inserted(),
        report.elapsed().toMillis(),
        report.rejected());
  }

  /**
   * Loads {@code agency} into the register: its organizations, its advisors (no credentials), its
   * persons through the real import, and the caseloads of the persons the import kept.
   */
  public ImportReport load(SyntheticAgency agency) {
    organizations.registerOrganizations(newOrganizations(agency));
    organizations.registerAccounts(
        agency.advisors().stream()
            .map(a -> new Organizations.NewAccount(a.login(), a.organization(), Role.ADVISOR))
            .toList());
    ImportReport report =
        registry.importRecords(
            agency.persons().iterator(),
            agency.personCount(),
            ImportOptions.defaults(),
            ImportProgress.NONE);
    // Partners read only the persons an agency advisor referred to them: one advisor of the first
    // agency stands for the agency advisors who did.
    String referrer = agency.advisors().getFirst().login();
    for (SyntheticAdvisor advisor : agency.advisors()) {
      List<PersonId> followed =
          advisor
              .personIndexes()
              .mapToObj(i -> registry.findByIdentifier(agency.person(i).identifier()))
              // Persons who left longer ago than the retention period were refused.
              .flatMap(java.util.Optional::stream)
              .toList();
      caseloads.assign(advisor.login(), followed);
      if (!advisor.organization().startsWith("FT-")) {
        caseloads.refer(advisor.organization(), followed, referrer);
      }
    }
    return report;
  }

  /** The organizations of {@code agency}, as the identity feature registers them. */
  public static List<Organizations.NewOrganization> newOrganizations(SyntheticAgency agency) {
    return agency.organizations().stream()
        .map(o -> new Organizations.NewOrganization(o.code(), o.kind(), o.name()))
        .toList();
  }
}
