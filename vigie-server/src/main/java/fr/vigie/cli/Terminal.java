package fr.vigie.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is a terminal a person watches, rather than a file or a pipe. */
final class Terminal {
  private static final boolean INTERACTIVE = detect();

  private Terminal() {}

  static boolean isInteractive() {
    return INTERACTIVE;
  }

  private static boolean detect() {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      return false;
    }
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // Since Java 22 a console exists even when redirected; isTerminal() tells them apart.
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // Java 21: a console exists only on a terminal.
    }
  }
}
