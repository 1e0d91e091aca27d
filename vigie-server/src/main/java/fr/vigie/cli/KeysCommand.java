package fr.vigie.cli;

import fr.vigie.crypto.KeyRing;
import fr.vigie.registry.Registry;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

/** {@code vigie keys rotate} and {@code vigie keys rewrap}. */
@Command(
    name = "keys",
    description = "Manage the key-encryption key.",
    subcommands = {KeysCommand.Rotate.class, KeysCommand.Rewrap.class})
final class KeysCommand {

  @Command(
      name = "rotate",
      description = {
        "Make a new key-encryption key primary, then rewrap every person's data key under it.",
        "Safe while Vigie serves: readers keep the older key until the rewrap is done."
      })
  static final class Rotate implements Callable<Integer> {
    @Override
    public Integer call() throws GeneralSecurityException {
      try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE)) {
        KeyRing keys = context.getBean(KeyRing.class);
        try {
          keys.rotateKeyEncryptionKey();
        } catch (UnsupportedOperationException e) {
          System.err.println("vigie keys rotate: " + e.getMessage());
          return 2;
        }
        System.out.println("new primary key: " + keys.describe());
        return rewrap(context);
      }
    }
  }

  @Command(
      name = "rewrap",
      description =
          "Rewrap, under the current key-encryption key, the data keys an older one wrapped.")
  static final class Rewrap implements Callable<Integer> {
    @Override
    public Integer call() {
      try (ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.NONE)) {
        return rewrap(context);
      }
    }
  }

  private static int rewrap(ConfigurableApplicationContext context) {
    try (ProgressPrinter progress = new ProgressPrinter("rewrap", "persons", System.out)) {
      long done = context.getBean(Registry.class).rewrapDataKeys(progress);
      progress.close();
      System.out.printf("rewrapped %,d data keys%n", done);
      return 0;
    }
  }
}
