package fr.vigie;

import fr.vigie.cli.VigieCommand;
import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Vigie: the register of job seekers, and everyone who works in it. */
@SpringBootApplication
@EnableScheduling
public class VigieApplication {

  public static void main(String[] args) {
    System.exit(VigieCommand.execute(args));
  }

  /** The one clock every feature reads, so that tests can move time. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
