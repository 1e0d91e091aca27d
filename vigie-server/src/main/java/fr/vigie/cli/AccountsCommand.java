package fr.vigie.cli;

import fr.vigie.VigieException;
import fr.vigie.identity.Openings;
import fr.vigie.identity.Role;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigie accounts create}: the administrator's way to open a staff account. */
@Command(
    name = "accounts",
    description = "Staff accounts.",
    subcommands = {AccountsCommand.Create.class})
final class AccountsCommand {

  @Command(
      name = "create",
      description = {
        "Create a staff account in an organization and print a one-time password.",
        "At first sign-in the account enrolls its second factor (POST /api/me/totp)."
      })
  static final class Create implements Callable<Integer> {

    @Option(names = "--login", required = true, description = "The sign-in name.")
    String login;

    @Option(
        names = "--role",
        required = true,
        description =
            "One of: ${COMPLETION-CANDIDATES}; one the organization's kind may hold"
                + " (docs/security.md).")
    Role role;

    @Option(
        names = "--organization",
        required = true,
        description = "Code of the organization (see vigie import organizations).")
    String organization;

    @Option(
        names = "--email",
        description = "Address on file, for recovery codes and notices (encrypted at rest).")
    String email;

    @Override
    public Integer call() {
      try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE)) {
        Optional<Openings.Opened> opened =
            context.getBean(Openings.class).account(null, login, role, organization, email);
        if (opened.isEmpty()) {
          System.err.println("vigie accounts create: this login exists already");
          return 2;
        }
        UUID account = opened.get().id();
        String password = opened.get().oneTimePassword();
        System.out.println("account " + account + " created; its one-time password (shown once):");
        System.out.println(password);
        return 0;
      } catch (IllegalStateException | VigieException e) {
        System.err.println("vigie accounts create: " + e.getMessage());
        return 2;
      }
    }
  }
}
