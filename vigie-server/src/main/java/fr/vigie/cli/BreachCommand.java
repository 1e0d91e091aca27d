package fr.vigie.cli;

import fr.vigie.access.Actor;
import fr.vigie.breach.IncidentId;
import fr.vigie.breach.Notices;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigie breach notify}. */
@Command(
    name = "breach",
    description = "Respond to a declared incident.",
    subcommands = {BreachCommand.Notify.class})
final class BreachCommand {

  @Command(
      name = "notify",
      description = {
        "Send the notices of GDPR article 34 to every person the incident touched, as the DPO:"
            + " an email to each person with an address (through spring.mail.*), at most"
            + " --per-second, then one PDF of letters per batch for the others. Prints progress;"
            + " run it again after a stop or a crash to resume: nobody is notified twice by a"
            + " clean run, nobody is forgotten (docs/breach-response.md, \"The outbox\").",
        "Reads each person's contact through the one read path (purpose BREACH_NOTICE, audited)."
      })
  static final class Notify implements Callable<Integer> {
    @Parameters(index = "0", description = "The incident's id.")
    UUID incident;

    @Option(names = "--as", required = true, description = "Login of the DPO's account.")
    String login;

    @Option(
        names = "--per-second",
        description = "Emails a second at most (default: vigie.breach.notice.per-second, 2).")
    Double perSecond;

    @Option(
        names = "--letters",
        description = "Where the PDF batches of letters go (default: <vigie.data-dir>/letters).")
    Path letters;

    @Override
    public Integer call() {
      try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE)) {
        Actor dpo = VigieCommand.actorOf(context, login);
        var settings = context.getEnvironment();
        double pace =
            perSecond != null
                ? perSecond
                : settings.getProperty("vigie.breach.notice.per-second", Double.class, 2.0);
        Path into =
            letters != null
                ? letters
                : Path.of(settings.getProperty("vigie.data-dir", "data")).resolve("letters");
        Notices notices = context.getBean(Notices.class);
        IncidentId target = new IncidentId(incident);
        int added = notices.prepare(dpo, target);
        System.out.printf("outbox: %,d notices added%n", added);
        Notices.Outcome outcome =
            notices.send(
                dpo,
                target,
                pace,
                into,
                status ->
                    System.out.printf(
                        "emailed %,d, letters printed %,d, waiting %,d%n",
                        status.emailed(), status.printed(), status.pending()));
        System.out.printf(
            "done: %,d emailed and %,d letters in this run (%,d claims of a stopped run sent"
                + " again); in all %,d emailed, %,d letters printed, %,d pending, %,d not sent"
                + " (person erased by retention)%n",
            outcome.emailed(),
            outcome.letters(),
            outcome.released(),
            outcome.status().emailed(),
            outcome.status().printed(),
            outcome.status().pending(),
            outcome.status().erased());
        outcome.batches().forEach(file -> System.out.println("letters: " + file));
        return outcome.status().pending() + outcome.status().claimed() == 0 ? 0 : 1;
      }
    }
  }
}
