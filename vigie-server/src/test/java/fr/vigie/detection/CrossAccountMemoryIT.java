package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The detectors across accounts hold across a restart and across nodes: what they keep (here, the
 * same person read outside their caseloads by unlinked accounts) is stored in PostgreSQL, read back
 * by a starting node and replayed by the other nodes. Several {@link AccessWatch} on one database,
 * as nodes without Kafka, each observing the accesses it serves.
 */
class CrossAccountMemoryIT extends IdentityIntegrationTest {
  @Autowired ApplicationContext context;
  @Autowired Clock testClock;

  /** Three advisors of a new agency, none following the persons read here. */
  private List<AccountId> threeOfOneAgency() {
    String agency = "FT-" + UUID.randomUUID();
    return List.of(advisor(agency), advisor(agency), advisor(agency));
  }

  private AccountId advisor(String agency) {
    return new AccountId(
        newAccount(Role.ADVISOR, agency, OrganizationKind.FRANCE_TRAVAIL_AGENCY).id());
  }

  private static void readOutside(
      AccessWatch node, AccountId account, PersonId person, Instant at) {
    node.observe(
        new AccountProfile(account, Role.ADVISOR, OrganizationKind.FRANCE_TRAVAIL_AGENCY, null),
        Access.of(account, at, AccessKind.READ, person, Link.OUTSIDE, "pc-" + account, "office"));
  }

  private ContainmentState stored(AccountId account) {
    return jdbc.queryForObject(
        "select containment from staff_account where id = ?",
        (rs, i) -> ContainmentState.valueOf(rs.getString(1)),
        account.value());
  }

  private String newestReasons(AccountId account) {
    return jdbc.queryForObject(
        "select reasons::text from containment_alert where account_id = ?"
            + " order by raised_at desc limit 1",
        String.class,
        account.value());
  }

  @Test
  void sharedPerson_twoReadsBeforeARestart_theThirdAfterIt_stepsUpAllThree() throws Exception {
    List<AccountId> three = threeOfOneAgency();
    PersonId person = new PersonId(UUID.randomUUID());
    Instant at = clockNow();
    try (AccessWatch before = node()) {
      readOutside(before, three.get(0), person, at);
      readOutside(before, three.get(1), person, at.plusSeconds(60));
    }

    try (AccessWatch restarted = node()) {
      readOutside(restarted, three.get(2), person, at.plusSeconds(120));
    }

    for (AccountId account : three) {
      assertThat(stored(account)).as("account %s", account).isEqualTo(ContainmentState.STEP_UP);
    }
    assertThat(newestReasons(three.get(2)))
        .contains("shared-persons")
        .contains(three.get(0).value().toString(), three.get(1).value().toString())
        .doesNotContain(person.value().toString());
  }

  @Test
  void sharedPerson_readsOnTwoNodes_theSecondNodeSeesTheFirstNodesReads() throws Exception {
    List<AccountId> three = threeOfOneAgency();
    PersonId person = new PersonId(UUID.randomUUID());
    Instant at = clockNow();
    try (AccessWatch nodeA = node();
        AccessWatch nodeB = node()) {
      readOutside(nodeA, three.get(0), person, at);
      readOutside(nodeA, three.get(1), person, at.plusSeconds(60));
      nodeB.takeOthersAcross();

      readOutside(nodeB, three.get(2), person, at.plusSeconds(120));

      for (AccountId account : three) {
        assertThat(stored(account)).as("account %s", account).isEqualTo(ContainmentState.STEP_UP);
      }
      nodeA.takeOthersAcross();
      assertThat(alertsOf(three.get(0))).as("raised once, by node B").isEqualTo(1);
    }
  }

  @Test
  void differentPersons_onTwoNodes_raiseNothing() throws Exception {
    List<AccountId> three = threeOfOneAgency();
    Instant at = clockNow();
    try (AccessWatch nodeA = node();
        AccessWatch nodeB = node()) {
      readOutside(nodeA, three.get(0), new PersonId(UUID.randomUUID()), at);
      readOutside(nodeA, three.get(1), new PersonId(UUID.randomUUID()), at.plusSeconds(60));
      nodeB.takeOthersAcross();

      readOutside(nodeB, three.get(2), new PersonId(UUID.randomUUID()), at.plusSeconds(120));

      for (AccountId account : three) {
        assertThat(stored(account)).as("account %s", account).isEqualTo(ContainmentState.ACTIVE);
      }
    }
  }

  @Test
  void withoutTheOtherNodesReads_theThirdReadAloneRaisesNothing() throws Exception {
    List<AccountId> three = threeOfOneAgency();
    PersonId person = new PersonId(UUID.randomUUID());
    Instant at = clockNow();
    try (AccessWatch nodeA = node();
        AccessWatch nodeB = node()) {
      readOutside(nodeA, three.get(0), person, at);
      readOutside(nodeA, three.get(1), person, at.plusSeconds(60));

      // Node B has not read node A's observations yet: it knows of one reader only.
      readOutside(nodeB, three.get(2), person, at.plusSeconds(120));

      assertThat(stored(three.get(2))).isEqualTo(ContainmentState.ACTIVE);
    }
  }

  /**
   * Eight advisors of eight agencies, each at a device and a network of its own that it never used:
   * five before a restart, three after it. The restarted node counts the five it stored and names
   * all eight.
   */
  @Test
  void newPlaces_fiveBeforeARestart_threeAfterIt_stepsUpAllEight() throws Exception {
    List<AccountId> eight = new ArrayList<>();
    for (int n = 0; n < NewPlaces.MIN_ACCOUNTS; n++) {
      eight.add(advisor("FT-" + UUID.randomUUID()));
    }
    Instant at = clockNow();
    try (AccessWatch before = node()) {
      // 29 days ago, each at its office PC: in use for four weeks (a new place can be unfamiliar
      // to it), not yet dormant.
      for (AccountId account : eight) {
        read(before, account, at.minus(Duration.ofDays(29)), "pc-", "office");
      }
      for (int n = 0; n < 5; n++) {
        read(before, eight.get(n), at.plusSeconds(60L * n), "thief-pc-", "thief-net-");
      }
      assertThat(stored(eight.get(0))).isEqualTo(ContainmentState.ACTIVE);
    }

    try (AccessWatch restarted = node()) {
      for (int n = 5; n < NewPlaces.MIN_ACCOUNTS; n++) {
        read(restarted, eight.get(n), at.plusSeconds(60L * n), "thief-pc-", "thief-net-");
      }
    }

    for (AccountId account : eight) {
      assertThat(stored(account))
          .as("account %s", account)
          .isGreaterThanOrEqualTo(ContainmentState.STEP_UP);
    }
    String reasons = newestReasons(eight.getLast());
    assertThat(reasons).contains(NewPlaces.NAME);
    for (AccountId account : eight) {
      assertThat(reasons).contains(account.value().toString());
    }
  }

  /** A read of a person the account follows, from a device and network named after it. */
  private static void read(
      AccessWatch node, AccountId account, Instant at, String device, String network) {
    node.observe(
        new AccountProfile(account, Role.ADVISOR, OrganizationKind.FRANCE_TRAVAIL_AGENCY, null),
        Access.of(
            account,
            at,
            AccessKind.READ,
            new PersonId(UUID.randomUUID()),
            Link.FOLLOWED,
            device + account,
            network + account));
  }

  private int alertsOf(AccountId account) {
    return jdbc.queryForObject(
        "select count(*) from containment_alert where account_id = ?",
        Integer.class,
        account.value());
  }

  /**
   * Another node: its own detectors, which take back what was stored as they start, on the test's
   * clock (what it replays is the last week before it).
   */
  private AccessWatch node() {
    return OtherNode.start(context, Optional.of(testClock));
  }
}
