package fr.vigie.transfer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The exchange's Spring Boot application: SFTP for subcontractors, a loopback API for Vigie. */
@SpringBootApplication
@EnableScheduling
public class ExchangeApplication {

  public static void main(String[] args) {
    start(args);
  }

  /** Starts the exchange, on its own embedded PostgreSQL unless a datasource is configured. */
  public static ConfigurableApplicationContext start(String... args) {
    SpringApplication application = new SpringApplication(ExchangeApplication.class);
    application.addListeners(new ExchangeDatabase());
    return application.run(args);
  }
}
