package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.Containments;
import fr.vigie.identity.IdentityEvent;
import fr.vigie.identity.IdentityIntegrationTest;
import fr.vigie.identity.Role;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A step-up answered on one node reaches the detectors of another, through PostgreSQL: two {@link
 * AccessWatch} on one database, as two nodes without Kafka, each watching the account in its own
 * memory.
 */
class DetectionResetsIT extends IdentityIntegrationTest {
  @Autowired Containments containments;
  @Autowired ApplicationContext context;

  @Test
  void stepUpOnNodeB_setsTheDetectorsOfNodeAActive() throws Exception {
    AccountId account = new AccountId(newAccount(Role.ADVISOR).id());
    assertThat(containments.raise(account, ContainmentState.STEP_UP)).isTrue();
    try (AccessWatch nodeA = node();
        AccessWatch nodeB = node()) {
      assertThat(nodeA.detectorsState(account)).isEqualTo(ContainmentState.STEP_UP);
      nodeA.takeOthersResets();

      nodeB.on(new IdentityEvent.SteppedUp(account.value(), clockNow()));
      assertThat(nodeB.detectorsState(account)).isEqualTo(ContainmentState.ACTIVE);
      assertThat(nodeA.detectorsState(account))
          .as("node A until it reads node B's resets")
          .isEqualTo(ContainmentState.STEP_UP);
      nodeA.takeOthersResets();

      assertThat(nodeA.detectorsState(account)).isEqualTo(ContainmentState.ACTIVE);
      assertThat(resetsOf(account)).as("recorded once, by node B").isEqualTo(1);
    }
  }

  @Test
  void resetsOfOtherAccounts_leaveTheAccountContained() throws Exception {
    AccountId held = new AccountId(newAccount(Role.ADVISOR).id());
    AccountId other = new AccountId(newAccount(Role.ADVISOR).id());
    assertThat(containments.raise(held, ContainmentState.STEP_UP)).isTrue();
    try (AccessWatch nodeA = node();
        AccessWatch nodeB = node()) {
      nodeB.on(new IdentityEvent.SteppedUp(other.value(), clockNow()));
      nodeA.takeOthersResets();

      assertThat(nodeA.detectorsState(held)).isEqualTo(ContainmentState.STEP_UP);
    }
  }

  /** Another node: its own detectors, which restore the stored containments as they start. */
  private AccessWatch node() {
    return OtherNode.start(context, Optional.empty());
  }

  private int resetsOf(AccountId account) {
    return jdbc.queryForObject(
        "select count(*) from detection_reset where account_id = ? and kind = 'STEP_UP'",
        Integer.class,
        account.value());
  }
}
