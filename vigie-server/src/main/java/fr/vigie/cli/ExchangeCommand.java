package fr.vigie.cli;

import fr.vigie.access.Actor;
import fr.vigie.exchange.ExchangeAuditIngest;
import fr.vigie.exchange.ExchangeBatches;
import fr.vigie.exchange.ExchangeClient;
import fr.vigie.exchange.ExchangeInbound;
import fr.vigie.exchange.ExchangeKeys;
import fr.vigie.exchange.OpenPgp;
import fr.vigie.registry.PersonId;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigie exchange send|collect|ingest|public-key|enrol}: the register's side of the exchange.
 * The transfer server itself runs apart ({@code ./vigie exchange serve} starts the vigie-exchange
 * jar).
 */
@Command(
    name = "exchange",
    description = "Send batches to subcontractors through the exchange, collect their results.",
    subcommands = {
      ExchangeCommand.Send.class,
      ExchangeCommand.Collect.class,
      ExchangeCommand.Ingest.class,
      ExchangeCommand.PublicKey.class,
      ExchangeCommand.Enrol.class
    })
final class ExchangeCommand {

  @Command(
      name = "send",
      description =
          "Read persons for a subcontractor's operator through the one read path (purpose"
              + " EXCHANGE), encrypt them to its OpenPGP key and place the batch on the exchange.")
  static final class Send implements Callable<Integer> {
    @Option(names = "--account", required = true, description = "The account on the exchange.")
    String account;

    @Option(
        names = "--operator",
        required = true,
        description = "Login of the subcontractor's operator account in the register.")
    String operator;

    @Option(
        names = "--recipient",
        required = true,
        description = "The subcontractor's OpenPGP public key (gpg --export --armor).")
    Path recipient;

    @Option(names = "--persons", required = true, description = "A file of person ids, one a line.")
    Path persons;

    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE)) {
        Actor actor = VigieCommand.actorOf(context, operator);
        List<PersonId> ids =
            Files.readAllLines(persons).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .map(PersonId::parse)
                .toList();
        try (InputStream key = Files.newInputStream(recipient)) {
          ExchangeBatches.Sent sent =
              context
                  .getBean(ExchangeBatches.class)
                  .send(actor, account, ids, OpenPgp.encryptionKey(key));
          System.out.printf(
              "placed %s on the exchange for %s: %d persons, %d refused by the policy%n",
              sent.batch().fileName(), account, sent.persons(), sent.refused());
        }
        return 0;
      }
    }
  }

  @Command(
      name = "collect",
      description =
          "Collect the account's inbound results, decrypt them with the register's key, store"
              + " them per person and confirm their pickup.")
  static final class Collect implements Callable<Integer> {
    @Option(names = "--account", required = true, description = "The account on the exchange.")
    String account;

    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE)) {
        ExchangeInbound.Collected collected =
            context.getBean(ExchangeInbound.class).collect(account);
        System.out.printf(
            "collected %d files: %d results stored, %d unknown tokens, %d files left on the"
                + " exchange%n",
            collected.files(),
            collected.results(),
            collected.unknownTokens(),
            collected.filesLeft());
        return 0;
      }
    }
  }

  @Command(
      name = "ingest",
      description = "Bring the exchange's operation log into the register's audit log now.")
  static final class Ingest implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE)) {
        int count = context.getBean(ExchangeAuditIngest.class).ingest();
        System.out.printf("ingested %d operations of the exchange into the audit log%n", count);
        return 0;
      }
    }
  }

  @Command(
      name = "public-key",
      description =
          "Print the register's OpenPGP public key: subcontractors encrypt results to it.")
  static final class PublicKey implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE)) {
        System.out.print(Files.readString(context.getBean(ExchangeKeys.class).publicKey()));
        return 0;
      }
    }
  }

  @Command(
      name = "enrol",
      description =
          "Enrol a person of a subcontractor for the exchange's HTTPS side (or renew their"
              + " password and TOTP secret); prints them once, to hand over.")
  static final class Enrol implements Callable<Integer> {
    @Option(names = "--account", required = true, description = "The account on the exchange.")
    String account;

    @Option(names = "--login", required = true, description = "The person's login (a-z, 0-9, . -).")
    String login;

    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE)) {
        System.out.println(context.getBean(ExchangeClient.class).enrol(account, login));
        return 0;
      }
    }
  }
}
