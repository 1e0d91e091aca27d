package fr.vigie.cli;

import fr.vigie.identity.DemoStaff;
import fr.vigie.simulation.DemoAgency;
import java.io.PrintStream;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Command;

/** Serves Vigie over HTTP until stopped. */
@Command(name = "serve", description = "Serve Vigie on http://localhost:8080 (the default).")
final class ServeCommand implements Runnable {

  @Override
  public void run() {
    ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.SERVLET);
    DemoAgency demo = context.getBean(DemoAgency.class);
    demo.loadIfEmpty();
    printConsole(
        System.out,
        context.getEnvironment(),
        demo.enabled() ? context.getBean(DemoStaff.class).prepare() : List.of());
    try {
      // The web server's threads serve; this one waits until the JVM is stopped.
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The console's address and the demo accounts; passwords and keys only when just made. */
  static void printConsole(
      PrintStream out, Environment environment, List<DemoStaff.DemoAccount> accounts) {
    String address = environment.getProperty("server.address", "127.0.0.1");
    String host = address.equals("127.0.0.1") || address.equals("0.0.0.0") ? "localhost" : address;
    String scheme = environment.containsProperty("server.ssl.bundle") ? "https" : "http";
    out.println();
    out.println(
        "Console: "
            + scheme
            + "://"
            + host
            + ":"
            + environment.getProperty("local.server.port", "8080")
            + "/console");
    if (accounts.isEmpty()) {
      return;
    }
    out.println("Demo accounts (password, then a code of the TOTP key in an authenticator app):");
    for (DemoStaff.DemoAccount account : accounts) {
      out.printf(
          "  %-18s %-28s %s%n",
          account.role(),
          account.login(),
          account.password() == null
              ? "(password and TOTP key printed at the start that made them)"
              : "password " + account.password() + "  TOTP key " + account.totpKey());
    }
    out.println();
  }
}
