package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.Containments;
import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The detectors' side of Kafka against PostgreSQL, without a broker: a partition's events applied
 * by one node and delivered again to the next (a node that died between its PostgreSQL commit and
 * its Kafka commit) are applied once; a batch that fails half way is applied not at all, then
 * whole.
 */
class OnceAppliedIT extends IdentityIntegrationTest {
  @Autowired MemoryStore memories;
  @Autowired AppliedOffsets offsets;
  @Autowired Containments containments;
  @Autowired PlatformTransactionManager transactions;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String topic = "once-" + UUID.randomUUID();

  @Test
  void eventsDeliveredAgainToTheNextOwner_areAppliedOnce() {
    AccountId account = advisor();
    List<OnceApplied.Offered> events = events(account, 8);
    AtomicInteger observed = new AtomicInteger();
    OnceApplied first = node(observed);
    first.apply(topic, 0, events.subList(0, 5), 5);

    OnceApplied next = node(observed);
    next.handedOver();
    next.apply(topic, 0, events, 8);

    assertThat(observed).hasValue(8);
    assertThat(offsets.applied(account)).isEqualTo(8);
    assertThat(offsets.next(topic, 0)).isEqualTo(8);
  }

  @Test
  void batchFailingHalfWay_isAppliedNotAtAll_thenWhole() {
    AccountId account = advisor();
    List<OnceApplied.Offered> events = events(account, 4);
    AtomicInteger calls = new AtomicInteger();
    Detection detection = Detection.withDefaults();
    OnceApplied node =
        node(
            detection,
            (profile, access) -> {
              if (calls.incrementAndGet() == 3) {
                throw new IllegalStateException("the detectors failed");
              }
              detection.observe(profile, access);
            });

    assertThatThrownBy(() -> node.apply(topic, 0, events, 4))
        .isInstanceOf(IllegalStateException.class);
    assertThat(offsets.applied(account)).isZero();
    assertThat(offsets.next(topic, 0)).isZero();

    node.apply(topic, 0, events, 4);

    assertThat(offsets.applied(account)).isEqualTo(4);
    assertThat(offsets.next(topic, 0)).isEqualTo(4);
    Detection once = Detection.withDefaults();
    events.forEach(e -> once.observe(e.profile(), e.access()));
    String stored =
        jdbc.queryForObject(
            "select memory::text from detection_memory where account_id = ?",
            String.class,
            account.value());
    assertThat(JSON.readTree(stored))
        .as("the memory of each event observed once, not of the failed attempt's too")
        .isEqualTo(JSON.readTree(once.memory(account).orElseThrow().state()));
  }

  private AccountId advisor() {
    return new AccountId(
        newAccount(Role.ADVISOR, "FT-" + UUID.randomUUID(), OrganizationKind.FRANCE_TRAVAIL_AGENCY)
            .id());
  }

  private static List<OnceApplied.Offered> events(AccountId account, int count) {
    AccountProfile profile =
        new AccountProfile(account, Role.ADVISOR, OrganizationKind.FRANCE_TRAVAIL_AGENCY, null);
    Instant at = Instant.parse("2026-03-02T09:00:00Z");
    List<OnceApplied.Offered> events = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      events.add(
          new OnceApplied.Offered(
              n,
              profile,
              Access.of(
                  account,
                  at.plusSeconds(30L * n),
                  AccessKind.READ,
                  new PersonId(UUID.randomUUID()),
                  Link.FOLLOWED,
                  "device",
                  "network")));
    }
    return events;
  }

  /** A node whose detectors count what they observe into {@code observed}. */
  private OnceApplied node(AtomicInteger observed) {
    Detection detection = Detection.withDefaults();
    return node(
        detection,
        (profile, access) -> {
          observed.incrementAndGet();
          detection.observe(profile, access);
        });
  }

  private OnceApplied node(Detection detection, BiConsumer<AccountProfile, Access> observe) {
    return new OnceApplied(
        detection, memories, offsets, containments, new TransactionTemplate(transactions), observe);
  }
}
