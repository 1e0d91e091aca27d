package fr.vigie.portal;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.Registry;
import fr.vigie.web.TestPersons;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the space's tests share: a whole Vigie on PostgreSQL, the FranceConnect-like provider in
 * this JVM, a fresh agency with an advisor and two persons in their caseload.
 */
abstract class SpaceIntegrationTest extends IdentityIntegrationTest {
  static final String ISSUER = PersonProvider.start();

  @DynamicPropertySource
  static void personProvider(DynamicPropertyRegistry properties) {
    properties.add("vigie.space.oidc.issuer-uri", () -> ISSUER);
    properties.add("vigie.space.oidc.client-id", () -> PersonProvider.CLIENT_ID);
    properties.add("vigie.space.oidc.client-secret", () -> PersonProvider.CLIENT_SECRET);
  }

  @Autowired Registry registry;

  String agency;
  TestAccount advisor;
  PersonRecord camille;
  UUID camilleId;
  PersonRecord other;
  UUID otherId;
  long base;

  @BeforeEach
  void agency() {
    PersonProvider.redirectUri =
        "http://localhost:" + port() + "/space/login/oauth2/code/franceconnect";
    agency = "FT-" + UUID.randomUUID();
    advisor = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    camille = TestPersons.person(base + 1, agency);
    other = TestPersons.person(base + 2, agency);
    registry.importRecords(
        List.of(camille, other).iterator(), 2, ImportOptions.defaults(), ImportProgress.NONE);
    camilleId = registry.findByIdentifier(camille.identifier()).orElseThrow().value();
    otherId = registry.findByIdentifier(other.identifier()).orElseThrow().value();
    for (UUID person : List.of(camilleId, otherId)) {
      jdbc.update(
          "insert into caseload (advisor_id, person_id) values (?, ?)", advisor.id(), person);
    }
  }

  /**
   * A fresh user of the provider whose ID token carries {@code person}'s pivot identity with {@code
   * givenNames}; returns the user name to sign in with {@link PersonProvider#PASSWORD}.
   */
  static String providerUser(PersonRecord person, String givenNames) {
    String user = "fc-" + UUID.randomUUID();
    PersonProvider.IDENTITIES.put(
        user,
        Map.of(
            "given_name", givenNames,
            "family_name", person.birthName(),
            "birthdate", person.birthDate().toString(),
            "gender", "female",
            "birthplace", person.birthPlace()));
    return user;
  }

  static String providerUser(PersonRecord person) {
    return providerUser(person, person.firstNames() + " Marie");
  }
}
