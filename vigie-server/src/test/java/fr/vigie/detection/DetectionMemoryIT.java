package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.IdentityEvent;
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
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The detectors' memory over HTTP and PostgreSQL: an advisor's reads leave its history in {@code
 * detection_memory}, and a new detection loaded from it (a restart) knows the account's device and
 * network and its last use.
 */
class DetectionMemoryIT extends IdentityIntegrationTest {
  @Autowired Registry registry;
  @Autowired AccessWatch watch;
  @Autowired MemoryStore memories;

  private TestAccount advisor;
  private final List<String> caseload = new ArrayList<>();

  @BeforeEach
  void caseload() {
    String agency = "FT-" + UUID.randomUUID();
    advisor = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    List<PersonRecord> rows = new ArrayList<>();
    for (int n = 0; n < 3; n++) {
      rows.add(TestPersons.person(base + n, agency));
    }
    registry.importRecords(
        rows.iterator(), rows.size(), ImportOptions.defaults(), ImportProgress.NONE);
    for (PersonRecord row : rows) {
      String id = registry.findByIdentifier(row.identifier()).orElseThrow().toString();
      caseload.add(id);
      jdbc.update(
          "insert into caseload (advisor_id, person_id) values (?, ?::uuid)", advisor.id(), id);
    }
  }

  @Test
  void reads_leaveTheAccountsHistoryInTheStore_andANewDetectionKnowsItsPlace() throws Exception {
    StaffClient reader = signedIn(advisor);
    for (String person : caseload) {
      assertThat(reader.get("/api/persons/" + person).status()).isEqualTo(200);
    }
    assertThat(watch.drain(Duration.ofSeconds(10))).isTrue();

    String stored =
        jdbc.queryForObject(
            "select memory::text from detection_memory where account_id = ?",
            String.class,
            advisor.id());
    JsonNode memory = JsonMapper.builder().build().readTree(stored);
    Detection restarted = Detection.withDefaults();
    int loaded = memories.loadInto(restarted);

    assertThat(loaded).isGreaterThanOrEqualTo(1);
    assertThat(memory.get("devices").size()).isEqualTo(1);
    assertThat(memory.get("addresses").size()).isEqualTo(1);
    assertThat(memory.get("device_networks").size()).isEqualTo(1);
    assertThat(memory.get("device_networks").properties().iterator().next().getValue().size())
        .isEqualTo(1);
    assertThat(memory.get("last").asString()).isNotNull();
    assertThat(stored).doesNotContain("Testnom");
    assertThat(
            JsonMapper.builder()
                .build()
                .readTree(
                    restarted
                        .memory(new fr.vigie.identity.AccountId(advisor.id()))
                        .orElseThrow()
                        .state()))
        .isEqualTo(memory);
  }

  @Test
  void anAnsweredStepUp_isSavedAtOnce_andANewDetectionRemembersIt() throws Exception {
    StaffClient reader = signedIn(advisor);
    assertThat(reader.get("/api/persons/" + caseload.get(0)).status()).isEqualTo(200);
    assertThat(watch.drain(Duration.ofSeconds(10))).isTrue();

    watch.on(new IdentityEvent.SteppedUp(advisor.id(), clockNow()));

    String stored =
        jdbc.queryForObject(
            "select memory::text from detection_memory where account_id = ?",
            String.class,
            advisor.id());
    JsonNode memory = JsonMapper.builder().build().readTree(stored);
    Detection restarted = Detection.withDefaults();
    memories.loadInto(restarted);

    assertThat(memory.get("stepped_up").asString()).isEqualTo(memory.get("last").asString());
    assertThat(restarted.memory(new AccountId(advisor.id())).orElseThrow().state())
        .contains("\"stepped_up\":\"" + memory.get("stepped_up").asString() + "\"");
  }

  @Test
  void noReads_leaveNoMemory() {
    assertThat(
            jdbc.queryForObject(
                "select count(*) from detection_memory where account_id = ?",
                Integer.class,
                advisor.id()))
        .isZero();
  }
}
