package fr.vigie.cli;

import fr.vigie.registry.Registry;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

/** {@code vigie registry backfill-birth-names}. */
@Command(
    name = "registry",
    description = "Maintain the register's derived data.",
    subcommands = {RegistryCommand.BackfillBirthNames.class})
final class RegistryCommand {

  @Command(
      name = "backfill-birth-names",
      description = {
        "Compute the birth-name index (migration V117) of the persons stored before it existed,"
            + " so that the person's space finds them by the birth name the identity provider"
            + " sends.",
        "Resumable: a stopped run goes on after the last person it finished. Prints counts only."
      })
  static final class BackfillBirthNames implements Callable<Integer> {
    @Override
    public Integer call() {
      try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE);
          ProgressPrinter progress =
              new ProgressPrinter("birth-name index", "persons", System.out)) {
        Registry.Backfill done =
            context.getBean(Registry.class).backfillBirthNameIndex(Long.MAX_VALUE, progress);
        progress.close();
        System.out.printf(
            "birth-name index: %,d persons visited, %,d indexed (the others go by the name they"
                + " use)%n",
            done.visited(), done.filled());
        return done.finished() ? 0 : 1;
      }
    }
  }
}
