package fr.vigie.cli;

import fr.vigie.VigieApplication;
import fr.vigie.runtime.DatabaseEnvironment;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigie} command line: serving, generating, importing, measuring, keys. */
@Command(
    name = "vigie",
    // Every subcommand inherits --help and --version (ScopeType.INHERIT), present and future.
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
    description = "The register of job seekers. With no command, serves on http://localhost:8080.",
    subcommands = {
      ServeCommand.class,
      GenerateCommand.class,
      ImportCommand.class,
      KeysCommand.class,
      RetentionCommand.class,
      AuditCommand.class,
      AccountsCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      EvalCommand.class,
      ExchangeCommand.class,
      BreachCommand.class,
      RegistryCommand.class
    })
public final class VigieCommand implements Runnable {

  @Override
  public void run() {
    new ServeCommand().run();
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code. */
  public static int execute(String... args) {
    return new CommandLine(new VigieCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .execute(args);
  }

  /**
   * The actor of the staff account {@code login} as the guard would see it now (its containment
   * state, no session channel): what a command acting for a person of staff runs as.
   */
  static fr.vigie.access.Actor actorOf(ConfigurableApplicationContext context, String login) {
    fr.vigie.identity.AccountId id =
        new fr.vigie.identity.AccountId(
            context
                .getBean(fr.vigie.identity.Credentials.class)
                .accountId(login)
                .orElseThrow(() -> new IllegalArgumentException("no such login")));
    fr.vigie.identity.ContainmentState state =
        context.getBean(fr.vigie.identity.Containments.class).stateOf(id);
    return context
        .getBean(fr.vigie.access.Relationships.class)
        .actor(id, false)
        .orElseThrow()
        .guarded(state, null, fr.vigie.identity.Channel.UNKNOWN);
  }

  /** Starts the application context, with or without the web server. */
  static ConfigurableApplicationContext start(WebApplicationType type, String... args) {
    SpringApplication application = new SpringApplication(VigieApplication.class);
    application.setWebApplicationType(type);
    application.addListeners(new DatabaseEnvironment());
    return application.run(args);
  }
}
