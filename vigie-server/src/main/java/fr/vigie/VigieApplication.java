package fr.vigie;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Vigie: the register of job seekers, and everyone who works in it. The command line ({@code
 * fr.vigie.cli.VigieCommand}) starts it.
 */
@SpringBootApplication
@EnableScheduling
public class VigieApplication {}
