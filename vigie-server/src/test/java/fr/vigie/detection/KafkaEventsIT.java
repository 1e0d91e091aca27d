package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.Containments;
import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.identity.StaffClient;
import fr.vigie.registry.Registry;
import fr.vigie.testing.KafkaBroker;
import fr.vigie.web.TestPersons;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The access events on a real Kafka broker in this JVM (KRaft mode): reads over HTTP reach the
 * detectors through the topic, each once, as many as the audit log holds; with two nodes in the
 * detectors' consumer group, one stopped while reads go on, none is lost and none applied twice;
 * with the broker down, reads are refused (fail closed, as the audit).
 */
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaEventsIT extends IdentityIntegrationTest {
  static final KafkaBroker KAFKA = KafkaBroker.start();
  static final String TOPIC = "access-events-" + UUID.randomUUID();

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry properties) {
    properties.add("vigie.events.kafka.bootstrap-servers", KAFKA::bootstrapServers);
    properties.add("vigie.events.kafka.topic", () -> TOPIC);
    properties.add("vigie.events.kafka.group", () -> "detectors-" + TOPIC);
    properties.add("vigie.events.kafka.partitions", () -> 4);
    properties.add("vigie.events.kafka.ack-timeout", () -> "PT2S");
    properties.add("vigie.events.kafka.client.session.timeout.ms", () -> 6_000);
    properties.add("vigie.events.kafka.client.heartbeat.interval.ms", () -> 500);
  }

  @Autowired Registry registry;
  @Autowired AccessWatch watch;
  @Autowired Containments containments;
  @Autowired ApplicationContext context;
  @Autowired MeterRegistry meters;

  @Test
  @Order(1)
  void fastReader_throughKafka_isContained_andEveryAuditedAccessReachesTheDetectorsOnce()
      throws Exception {
    Advisor advisor = advisorFollowing(12);
    StaffClient client = signedIn(advisor.account());
    for (int n = 0; n < 10; n++) {
      assertThat(client.get("/api/persons/" + advisor.caseload().get(n)).status()).isEqualTo(200);
    }

    StaffClient.Answer eleventh = client.get("/api/persons/" + advisor.caseload().get(10));
    StaffClient.Answer next = client.get("/api/persons/" + advisor.caseload().get(11));

    assertThat(eleventh.status()).isEqualTo(403);
    assertThat(next.status()).isIn(401, 403);
    assertThat(containments.stateOf(advisor.id())).isEqualTo(ContainmentState.SUSPENDED);
    assertThat(watch.drain(Duration.ofSeconds(30))).isTrue();
    assertThat(appliedOf(advisor)).isEqualTo(auditedOf(advisor)).isGreaterThanOrEqualTo(11);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from detection_memory where account_id = ?",
                Integer.class,
                advisor.account().id()))
        .isEqualTo(1);
    Gauge lag = meters.get("vigie.detection.bus.pending").gauge();
    assertThat(lag.getId().getTags()).as("no account in the bus lag's labels").isEmpty();
    assertThat(lag.value()).isGreaterThanOrEqualTo(0);
  }

  @Test
  @Order(2)
  void nodeStoppedWhileReadsFlow_loosesNoEvent_andAppliesNoneTwice() throws Exception {
    // One advisor on each of the 4 partitions: whichever two node B is given, it has readers.
    Advisor[] byPartition = new Advisor[4];
    for (int tries = 0; tries < 200 && Arrays.asList(byPartition).contains(null); tries++) {
      Advisor advisor = advisorFollowing(5);
      int partition = partitionOf(advisor.id());
      if (byPartition[partition] == null) {
        byPartition[partition] = advisor;
      }
    }
    List<Advisor> advisors = List.of(byPartition);
    List<StaffClient> clients = new ArrayList<>();
    for (Advisor advisor : advisors) {
      clients.add(signedIn(advisor.account()));
    }
    AccessWatch nodeB = secondNode();
    CompletableFuture<Void> stopped = null;
    int reads = 0;
    for (int round = 0; round < 3; round++) {
      for (int a = 0; a < advisors.size(); a++) {
        for (String person : advisors.get(a).caseload()) {
          assertThat(clients.get(a).get("/api/persons/" + person).status()).isEqualTo(200);
          reads++;
          if (reads == 25) {
            assertThat(observedWithin(nodeB, Duration.ofSeconds(30)))
                .as("node B applied its partitions' share")
                .isPositive();
            // Stopped while the reads go on: its partitions move to node A mid-flow.
            stopped = CompletableFuture.runAsync(() -> close(nodeB));
          }
        }
      }
    }
    stopped.get();

    assertThat(watch.drain(Duration.ofSeconds(60))).isTrue();
    for (Advisor advisor : advisors) {
      assertThat(appliedOf(advisor)).as("applied vs audited").isEqualTo(auditedOf(advisor));
      assertThat(appliedOf(advisor)).isEqualTo(15);
    }
  }

  @Test
  @Order(3)
  void kafkaDown_readsAreRefused_andNoDataLeaves() throws Exception {
    Advisor advisor = advisorFollowing(2);
    StaffClient client = signedIn(advisor.account());
    assertThat(client.get("/api/persons/" + advisor.caseload().get(0)).status()).isEqualTo(200);

    KAFKA.close();
    StaffClient.Answer refused = client.get("/api/persons/" + advisor.caseload().get(1));

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.json().get("code").asString()).isEqualTo("EVENTS_UNAVAILABLE");
    assertThat(refused.response().headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.body()).doesNotContain("Testnom");
  }

  /** The partition the producer gives an account's events: Kafka's hash of the key. */
  private static int partitionOf(AccountId account) {
    byte[] key = account.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return org.apache.kafka.common.utils.Utils.toPositive(
            org.apache.kafka.common.utils.Utils.murmur2(key))
        % 4;
  }

  /** What {@code node} observed, once it observed something or {@code bound} passed. */
  private static long observedWithin(AccessWatch node, Duration bound) throws InterruptedException {
    long until = System.nanoTime() + bound.toNanos();
    while (node.observedHere() == 0 && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    return node.observedHere();
  }

  private record Advisor(TestAccount account, List<String> caseload) {
    AccountId id() {
      return new AccountId(account.id());
    }
  }

  private Advisor advisorFollowing(int persons) {
    String agency = "FT-" + UUID.randomUUID();
    TestAccount account = newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY);
    List<String> caseload = TestPersons.caseload(registry, jdbc, account.id(), agency, persons);
    return new Advisor(account, caseload);
  }

  /** Another node of the same deployment: its own detectors, in the same consumer group. */
  private AccessWatch secondNode() throws InterruptedException {
    AccessWatch node = OtherNode.start(context, Optional.empty());
    // Until the group has given it partitions, node A holds them all.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (membersWithPartitions() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(membersWithPartitions()).as("nodes holding partitions").isEqualTo(2);
    return node;
  }

  private static long membersWithPartitions() throws InterruptedException {
    String group = "detectors-" + TOPIC;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
      return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
          .filter(m -> !m.assignment().topicPartitions().isEmpty())
          .count();
    } catch (ExecutionException e) {
      return 0;
    }
  }

  private static void close(AccessWatch node) {
    try {
      node.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Events the detectors applied for the advisor, on whichever node, as PostgreSQL holds it. */
  private long appliedOf(Advisor advisor) {
    return new AppliedOffsets(jdbc).applied(advisor.id());
  }

  /** Audit entries of the advisor about the persons it follows: reads and refusals. */
  private long auditedOf(Advisor advisor) {
    long count = 0;
    for (String person : advisor.caseload()) {
      count +=
          jdbc.queryForObject(
              "select count(*) from audit_entry where position(convert_to(?, 'UTF8') in entry) > 0"
                  + " and position(convert_to(?, 'UTF8') in entry) > 0",
              Long.class,
              advisor.account().id().toString(),
              person);
    }
    return count;
  }
}
