package fr.vigie;

import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Vigie: the register of job seekers, and everyone who works in it. The command line ({@code
 * fr.vigie.cli.VigieCommand}) starts it.
 */
@SpringBootApplication
@EnableScheduling
public class VigieApplication {

  /** The one clock every feature reads, so that tests can move time. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
