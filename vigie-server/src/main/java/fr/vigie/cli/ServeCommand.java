package fr.vigie.cli;

import fr.vigie.simulation.DemoAgency;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

/** Serves Vigie over HTTP until stopped. */
@Command(name = "serve", description = "Serve Vigie on http://localhost:8080 (the default).")
final class ServeCommand implements Runnable {

  @Override
  public void run() {
    ConfigurableApplicationContext context = VigieCommand.start(WebApplicationType.SERVLET);
    context.getBean(DemoAgency.class).loadIfEmpty();
    try {
      // The web server's threads serve; this one waits until the JVM is stopped.
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
