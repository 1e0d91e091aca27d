package fr.vigie.cli;

import fr.vigie.registry.Registry;
import java.time.Period;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigie retention run}. */
@Command(
    name = "retention",
    description = "Apply the retention period.",
    subcommands = {RetentionCommand.Run.class})
final class RetentionCommand {

  @Command(
      name = "run",
      description =
          "Erase (crypto-shred) every person whose last registration ended longer ago than the"
              + " retention period.")
  static final class Run implements Callable<Integer> {
    @Option(
        names = "--period",
        description = "ISO-8601 period (default: vigie.retention.period, P20Y).")
    Period period;

    @Override
    public Integer call() {
      try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE)) {
        Period retention =
            period != null
                ? period
                : Period.parse(
                    context.getEnvironment().getProperty("vigie.retention.period", "P20Y"));
        long erased = context.getBean(Registry.class).eraseExpired(retention);
        System.out.printf(
            "erased %,d persons whose registration ended over %s ago%n", erased, retention);
        return 0;
      }
    }
  }
}
