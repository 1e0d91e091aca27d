package fr.vigie.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.detection.AccessWatch;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.Containments;
import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import fr.vigie.registry.ImportOptions;
import fr.vigie.registry.ImportProgress;
import fr.vigie.registry.PersonRecord;
import fr.vigie.registry.Registry;
import fr.vigie.web.TestPersons;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * The Prometheus text over HTTP, on the management port of a whole Vigie: the meters move with the
 * reads, refusals and containments, carry no account, person, name or NIR, and the staff port does
 * not serve them.
 */
class MetricsIT extends IdentityIntegrationTest {
  @Autowired Registry registry;
  @Autowired Containments containments;
  @Autowired AccessWatch watch;
  @LocalManagementPort int managementPort;

  private String agency;
  private TestAccount advisor;
  private PersonRecord followedRecord;
  private PersonRecord strangerRecord;
  private String followed;
  private String stranger;

  @BeforeEach
  void agency() {
    agency = "FT-" + UUID.randomUUID();
    advisor = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    followedRecord = TestPersons.person(base + 1, agency);
    strangerRecord = TestPersons.person(base + 2, agency);
    registry.importRecords(
        List.of(followedRecord, strangerRecord).iterator(),
        2,
        ImportOptions.defaults(),
        ImportProgress.NONE);
    followed = registry.findByIdentifier(followedRecord.identifier()).orElseThrow().toString();
    stranger = registry.findByIdentifier(strangerRecord.identifier()).orElseThrow().toString();
    jdbc.update(
        "insert into caseload (advisor_id, person_id) values (?, ?::uuid)", advisor.id(), followed);
  }

  @Test
  void prometheus_afterReadAndRefusedRead_countsEachOnceWithoutPersonalData() {
    StaffClient client = signedIn(advisor);
    String before = scrape();

    assertThat(client.get("/api/persons/" + followed).status()).isEqualTo(200);
    assertThat(client.get("/api/persons/" + stranger).status()).isEqualTo(403);
    String after = scrape();

    assertThat(
            increase(
                before, after, "vigie_access_total", "operation=\"read\"", "outcome=\"allowed\""))
        .isEqualTo(1);
    assertThat(
            increase(
                before, after, "vigie_access_total", "operation=\"read\"", "outcome=\"refused\""))
        .isEqualTo(1);
    assertThat(
            increase(
                before,
                after,
                "vigie_access_refusals_total",
                "operation=\"read\"",
                "reason=\"JUSTIFICATION_REQUIRED\""))
        .isEqualTo(1);
    assertThat(increase(before, after, "vigie_access_refusals_total", "reason=\"ACCESS_DENIED\""))
        .isZero();
    assertThat(after)
        .doesNotContain(advisor.id().toString())
        .doesNotContain(advisor.login())
        .doesNotContain(followed)
        .doesNotContain(stranger)
        .doesNotContain(followedRecord.birthName())
        .doesNotContain(strangerRecord.birthName())
        .doesNotContain(followedRecord.nir().value())
        .doesNotContain(followedRecord.nir().value().substring(0, 13))
        .doesNotContain(followedRecord.identifier().value());
  }

  @Test
  void prometheus_afterReads_showsAuditAppendsBatchesAndAnEmptyBus() throws Exception {
    StaffClient client = signedIn(advisor);
    String before = scrape();

    assertThat(client.get("/api/persons/" + followed).status()).isEqualTo(200);
    assertThat(client.get("/api/persons/" + stranger).status()).isEqualTo(403);
    assertThat(watch.drain(Duration.ofSeconds(10))).isTrue();
    String after = scrape();

    // Both reads were audited, the refusal too: at least two appends, in at least one batch.
    assertThat(increase(before, after, "vigie_audit_append_seconds_count"))
        .isGreaterThanOrEqualTo(2);
    assertThat(increase(before, after, "vigie_audit_append_seconds_sum")).isPositive();
    assertThat(increase(before, after, "vigie_audit_batch_entries_count"))
        .isGreaterThanOrEqualTo(1);
    assertThat(increase(before, after, "vigie_audit_batch_entries_sum")).isGreaterThanOrEqualTo(2);
    assertThat(increase(before, after, "vigie_audit_entries")).isGreaterThanOrEqualTo(2);
    assertThat(after).containsPattern("(?m)^vigie_detection_bus_pending_accesses 0(\\.0)?$");
  }

  @Test
  void prometheus_afterImport_countsRowsAndPersonsByOutcome() {
    long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
    PersonRecord good = TestPersons.person(base + 1, agency);
    PersonRecord orphan = TestPersons.person(base + 2, "NO-SUCH-" + UUID.randomUUID());
    String before = scrape();

    registry.importRecords(
        List.of(good, orphan).iterator(), 2, ImportOptions.defaults(), ImportProgress.NONE);
    String after = scrape();

    assertThat(increase(before, after, "vigie_import_rows_total")).isEqualTo(2);
    assertThat(increase(before, after, "vigie_import_persons_total", "outcome=\"inserted\""))
        .isEqualTo(1);
    assertThat(increase(before, after, "vigie_import_persons_total", "outcome=\"rejected\""))
        .isEqualTo(1);
    assertThat(value(after, "vigie_import_running")).isZero();
    assertThat(after)
        .doesNotContain(orphan.organization())
        .doesNotContain(orphan.birthName())
        .doesNotContain(good.identifier().value());
  }

  @Test
  void prometheus_containmentRaisedByDetection_countsItByState() {
    String before = scrape();

    containments.raise(new AccountId(advisor.id()), ContainmentState.STEP_UP);
    String after = scrape();

    assertThat(
            increase(
                before, after, "vigie_containments_total", "state=\"STEP_UP\"", "by=\"detection\""))
        .isEqualTo(1);
    assertThat(
            increase(
                before,
                after,
                "vigie_containments_total",
                "state=\"SUSPENDED\"",
                "by=\"detection\""))
        .isZero();
    assertThat(after).doesNotContain(advisor.id().toString());
  }

  @Test
  void prometheus_onManagementPort_servesHealthAndNothingElseOfTheActuator() {
    assertThat(management("/actuator/health").statusCode()).isEqualTo(200);
    assertThat(management("/actuator/prometheus").statusCode()).isEqualTo(200);
    assertThat(management("/actuator/env").statusCode()).isNotEqualTo(200);
    assertThat(management("/actuator/beans").statusCode()).isNotEqualTo(200);
    assertThat(management("/actuator/heapdump").statusCode()).isNotEqualTo(200);
    assertThat(management("/api/status").statusCode()).isNotEqualTo(200);
  }

  @Test
  void prometheus_onStaffPort_isNotServed() {
    StaffClient anonymous = client();
    StaffClient staff = signedIn(advisor);

    StaffClient.Answer unsigned = anonymous.get("/actuator/prometheus");
    StaffClient.Answer signed = staff.get("/actuator/prometheus");

    assertThat(port()).isNotEqualTo(managementPort);
    // The staff rules, then no handler: nothing of the actuator lives on this port.
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(signed.status()).isEqualTo(404);
    assertThat(unsigned.body() + signed.body()).doesNotContain("vigie_access");
    assertThat(anonymous.get("/actuator/health").status()).isEqualTo(401);
    assertThat(staff.get("/actuator/health").status()).isEqualTo(404);
  }

  private String scrape() {
    HttpResponse<String> answer = management("/actuator/prometheus");
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.body();
  }

  /** A GET on the management port, as a scraper on the same host does it: no session, no cookie. */
  private HttpResponse<String> management(String path) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).build();
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** How much the sample of {@code name} with all these labels grew; absent counts as zero. */
  static double increase(String before, String after, String name, String... labels) {
    return value(after, name, labels) - value(before, name, labels);
  }

  private static double value(String text, String name, String... labels) {
    Matcher sample =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)$").matcher(text);
    double sum = 0;
    while (sample.find()) {
      String found = sample.group(1) == null ? "" : sample.group(1);
      boolean all = true;
      for (String label : labels) {
        all &= found.contains(label);
      }
      if (all) {
        sum += Double.parseDouble(sample.group(2));
      }
    }
    return sum;
  }
}
