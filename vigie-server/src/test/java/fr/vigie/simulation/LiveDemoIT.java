package fr.vigie.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.IdentityIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The live demo against a real server over HTTP: honest advisors are never stopped, the attacker is
 * cut within its burst ceiling, its session ends, and the analyst finds the alert.
 */
class LiveDemoIT extends IdentityIntegrationTest {
  @Autowired DemoAgency demoAgency;
  @Autowired LiveDemo demo;

  @Test
  void run_cutsTheAttackerAndListsTheAlert_leavingTheAdvisorsAlone() throws Exception {
    demoAgency.load(SyntheticAgency.generate(3_000, 11));
    // The demo and the server read the same clock; a weekday morning, when the ceilings are
    // whole (at night and at weekends they are a quarter, and the cut would come sooner).
    moveToNextWeekdayMorning();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    LiveDemo.Outcome outcome =
        demo.run(
            "http://localhost:" + port(),
            2,
            Duration.ofSeconds(8),
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(outcome.attackerPersons()).as(output).isEqualTo(10);
    assertThat(outcome.containedMillis()).isNotNegative();
    assertThat(outcome.alertListed()).as(output).isTrue();
    assertThat(outcome.advisorReads()).isPositive();
    assertThat(outcome.advisorRefusals()).isZero();
    assertThat(output)
        .contains("ATTACK CUT: 10 persons")
        .contains("ACCOUNT_SUSPENDED")
        .contains("next request gets 401")
        .contains("ceiling:burst");
  }
}
