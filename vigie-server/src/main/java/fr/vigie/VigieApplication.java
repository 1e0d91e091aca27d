package fr.vigie;

import fr.vigie.cli.VigieCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Vigie: the register of job seekers, and everyone who works in it. */
@SpringBootApplication
@EnableScheduling
public class VigieApplication {

  public static void main(String[] args) {
    System.exit(VigieCommand.execute(args));
  }
}
