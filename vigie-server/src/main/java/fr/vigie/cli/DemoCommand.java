package fr.vigie.cli;

import fr.vigie.simulation.LiveDemo;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigie demo live}: simulated advisors and one attacker against the running server. */
@Command(
    name = "demo",
    description = "Demonstrations against a running Vigie.",
    subcommands = {DemoCommand.Live.class})
final class DemoCommand {

  @Command(
      name = "live",
      description = {
        "With ./vigie running (its demo agency loaded), in another terminal: a few advisors work at",
        "a human pace while one usurped advisor account reads at full speed. Watch the attacker",
        "get cut, its session end, and the security analyst's alert. Each run uses advisors of",
        "the demo agency that never signed in."
      })
  static final class Live implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://localhost:8080", description = "The server.")
    String url;

    @Option(names = "--advisors", defaultValue = "3", description = "Honest advisors at work.")
    int advisors;

    @Option(names = "--seconds", defaultValue = "40", description = "How long the demo lasts.")
    int seconds;

    @Override
    public Integer call() throws Exception {
      if (advisors < 1 || seconds < 8) {
        System.err.println("vigie demo live: at least 1 advisor and 8 seconds");
        return 2;
      }
      try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE)) {
        LiveDemo.Outcome outcome =
            context
                .getBean(LiveDemo.class)
                .run(url, advisors, Duration.ofSeconds(seconds), System.out);
        return outcome.containedMillis() >= 0 && outcome.alertListed() ? 0 : 1;
      } catch (IllegalStateException e) {
        System.err.println("vigie demo live: " + e.getMessage());
        return 2;
      }
    }
  }
}
