package fr.vigie;

import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
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

  /**
   * The one clock every feature reads, so that tests can move time. The evaluation through the
   * server ({@code vigie eval --through-server}) sets {@code vigie.clock.simulated} and drives it.
   */
  @Bean
  Clock clock(@Value("${vigie.clock.simulated:false}") boolean simulated) {
    return simulated ? new SimulatedClock(Instant.now()) : Clock.systemUTC();
  }
}
