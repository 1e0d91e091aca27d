package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.Registry;
import fr.vigie.web.TestPersons;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A detector across accounts through the server: three advisors of one agency, nothing linking them
 * to a person, each breaking the glass on it. Each must step up at its next read, the stored
 * containment and alert say so and name all three accounts, and an advisor of the same agency who
 * read nothing of it goes on.
 */
class CrossAccountIT extends IdentityIntegrationTest {
  @Autowired Registry registry;
  @Autowired AccessWatch watch;

  private String agency;
  private final List<TestAccount> advisors = new ArrayList<>();
  private final List<String> persons = new ArrayList<>();

  @BeforeEach
  void agency() {
    moveToNextWeekdayMorning();
    agency = "FT-" + UUID.randomUUID();
    for (int n = 0; n < 4; n++) {
      advisors.add(newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY));
    }
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    List<PersonRecord> rows = new ArrayList<>();
    for (int n = 0; n < 3; n++) {
      rows.add(TestPersons.person(base + n, agency));
    }
    registry.importRecords(
        rows.iterator(), rows.size(), ImportOptions.defaults(), ImportProgress.NONE);
    for (PersonRecord row : rows) {
      persons.add(registry.findByIdentifier(row.identifier()).orElseThrow().toString());
    }
  }

  @Test
  void threeUnlinkedAdvisorsOnOnePerson_eachStepsUp_storedAlertsNameAllThree() throws Exception {
    String shared = persons.getFirst();
    List<StaffClient> readers = new ArrayList<>();
    for (int n = 0; n < 3; n++) {
      readers.add(signedIn(advisors.get(n)));
    }
    // A session that proved its second factor after the containment was set has answered it.
    nextStep();
    for (int n = 0; n < 3; n++) {
      assertThat(justifiedRead(readers.get(n), shared).status()).as("advisor %d", n).isEqualTo(200);
      assertThat(watch.drain(Duration.ofSeconds(10))).isTrue();
      nextStep();
    }
    StaffClient bystander = signedIn(advisors.get(3));

    for (int n = 0; n < 3; n++) {
      StaffClient.Answer next = justifiedRead(readers.get(n), persons.get(1));
      assertThat(next.status()).as("advisor %d", n).isEqualTo(403);
      assertThat(next.json().get("code").asString()).isEqualTo("STEP_UP_REQUIRED");
      assertThat(containment(advisors.get(n).id())).isEqualTo("STEP_UP");
      String reasons = storedReasons(advisors.get(n).id());
      assertThat(reasons).contains(SharedPersons.NAME);
      assertThat(reasons).doesNotContain(shared);
      for (int other = 0; other < 3; other++) {
        assertThat(reasons).contains(advisors.get(other).id().toString());
      }
      assertThat(reasons).doesNotContain(advisors.get(3).id().toString());
    }
    assertThat(justifiedRead(bystander, persons.get(2)).status()).isEqualTo(200);
    assertThat(containment(advisors.get(3).id())).isEqualTo("ACTIVE");

    StaffClient analyst =
        signedIn(newAccount(Role.SECURITY_ANALYST, "FT-SEC-" + UUID.randomUUID()));
    JsonNode alerts = analyst.get("/api/alerts?limit=500").json();
    int listed = 0;
    for (JsonNode alert : alerts) {
      String account = alert.get("account").get("value").asString();
      if (advisors.stream().anyMatch(a -> a.id().toString().equals(account))) {
        listed++;
        assertThat(alert.toString()).contains(SharedPersons.NAME).doesNotContain(shared);
      }
    }
    assertThat(listed).isEqualTo(3);
  }

  private static StaffClient.Answer justifiedRead(StaffClient client, String person) {
    return client.post(
        "/api/persons/" + person + "/read",
        Map.of(
            "purpose",
            "FOLLOW_UP",
            "justification",
            Map.of("reason", "PERSON_AT_THE_DESK", "text", "Venue au guichet")));
  }

  private String containment(UUID account) {
    return jdbc.queryForObject(
        "select containment from staff_account where id = ?", String.class, account);
  }

  private String storedReasons(UUID account) {
    return String.join(
        " ",
        jdbc.queryForList(
            "select reasons::text from containment_alert where account_id = ?",
            String.class,
            account));
  }
}
