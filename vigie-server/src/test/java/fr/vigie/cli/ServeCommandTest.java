package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.DemoStaff.DemoAccount;
import fr.vigie.identity.Role;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ServeCommandTest {

  @Test
  void printConsole_newDemoAccounts_printsTheAddressAndEachPasswordAndKey() {
    String printed =
        print(
            new MockEnvironment().withProperty("local.server.port", "18080"),
            List.of(
                new DemoAccount("conseiller-1", Role.ADVISOR, "pw-advisor", "KEYADVISOR"),
                new DemoAccount("demo-dpo", Role.DPO, "pw-dpo", "KEYDPO")));

    assertThat(printed).contains("Console: http://localhost:18080/console");
    assertThat(printed).contains("conseiller-1").contains("pw-advisor").contains("KEYADVISOR");
    assertThat(printed).contains("demo-dpo").contains("pw-dpo").contains("KEYDPO");
  }

  @Test
  void printConsole_accountsMadeByAnEarlierStart_printsLoginsOnly() {
    String printed =
        print(
            new MockEnvironment().withProperty("server.address", "10.0.0.5"),
            List.of(new DemoAccount("demo-dpo", Role.DPO, null, null)));

    assertThat(printed).contains("Console: http://10.0.0.5:8080/console").contains("demo-dpo");
    assertThat(printed).contains("printed at the start that made them").doesNotContain("null");
  }

  private static String print(MockEnvironment environment, List<DemoAccount> accounts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ServeCommand.printConsole(
        new PrintStream(bytes, true, StandardCharsets.UTF_8), environment, accounts);
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
