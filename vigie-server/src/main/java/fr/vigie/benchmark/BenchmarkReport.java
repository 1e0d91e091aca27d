package fr.vigie.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a benchmark's latest figures into its own section of {@code docs/benchmarks.md}, between
 * {@code <!-- bench:NAME -->} and {@code <!-- /bench:NAME -->}, leaving the other sections alone.
 */
public final class BenchmarkReport {
  private BenchmarkReport() {}

  /** Replaces (or appends) section {@code name} of {@code file} with {@code markdown}. */
  public static void write(Path file, String name, String markdown) throws IOException {
    String start = "<!-- bench:" + name + " -->";
    String end = "<!-- /bench:" + name + " -->";
    String section = start + "\n" + markdown.strip() + "\n" + end;
    String text =
        Files.exists(file)
            ? Files.readString(file, StandardCharsets.UTF_8)
            : "# Benchmarks\n\nEach section is written by the command it names.\n";
    int from = text.indexOf(start);
    int to = text.indexOf(end);
    if (from >= 0 && to > from) {
      text = text.substring(0, from) + section + text.substring(to + end.length());
    } else {
      text = text.stripTrailing() + "\n\n" + section + "\n";
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /**
   * Writes section {@code name} of {@code report} (a path, null for {@link #defaultFile()}, or
   * {@code none} to skip) and says on {@code out} where the figures went.
   */
  public static void writeRequested(
      String report, String name, String markdown, java.io.PrintStream out) throws IOException {
    if ("none".equals(report)) {
      return;
    }
    Path file = report != null ? Path.of(report) : defaultFile();
    if (Files.isDirectory(file.toAbsolutePath().getParent())) {
      write(file, name, markdown);
      out.println("figures written to " + file);
    } else {
      out.println("no " + file.getParent() + " here: figures not written");
    }
  }

  /**
   * Where reports go: {@code docs/benchmarks.md} of the checkout that {@code ./vigie} runs from.
   */
  public static Path defaultFile() {
    return checkout().resolve("docs").resolve("benchmarks.md");
  }

  /** The checkout {@code ./vigie} runs from ({@code VIGIE_HOME}), else the current directory. */
  public static Path checkout() {
    String home = System.getenv("VIGIE_HOME");
    return Path.of(home != null ? home : ".");
  }

  /** One line naming the machine, since figures mean little without it. */
  public static String machine() {
    Runtime runtime = Runtime.getRuntime();
    return String.format(
        "%d cores, %d MiB max heap, Java %s (%s), %s %s",
        runtime.availableProcessors(),
        runtime.maxMemory() >> 20,
        System.getProperty("java.version"),
        System.getProperty("java.vm.vendor"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"));
  }
}
