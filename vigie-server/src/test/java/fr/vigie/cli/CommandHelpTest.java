package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand answers {@code --help} and {@code -h} with its usage, exit 0. */
class CommandHelpTest {

  @Test
  void everyCommand_help_printsItsUsageAndExitsZero() {
    List<List<String>> paths = new ArrayList<>();
    collect(new CommandLine(new VigieCommand()), new ArrayList<>(), paths);

    assertThat(paths).hasSizeGreaterThan(15);
    for (List<String> path : paths) {
      for (String flag : List.of("--help", "-h")) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(path);
        args.add(flag);

        int code = run(out, err, args);

        String command = String.join(" ", path);
        assertThat(code).as("vigie %s %s", command, flag).isZero();
        assertThat(err.toString()).as("vigie %s %s", command, flag).isEmpty();
        assertThat(out.toString())
            .as("vigie %s %s", command, flag)
            .startsWith("Usage: vigie" + (path.isEmpty() ? "" : " " + command));
      }
    }
  }

  @Test
  void eval_help_isNotAnUnknownOption() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = run(out, err, List.of("eval", "--help"));

    assertThat(code).isZero();
    assertThat(err.toString()).doesNotContain("Unknown option");
    assertThat(out.toString()).contains("--seeds");
  }

  @Test
  void unknownOption_isRefusedWithExitTwo() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = run(out, err, List.of("eval", "--no-such-option"));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--no-such-option'");
  }

  private static int run(StringWriter out, StringWriter err, List<String> args) {
    return new CommandLine(new VigieCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args.toArray(String[]::new));
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
    paths.add(List.copyOf(path));
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!name.equals(sub.getCommandName())) {
                return; // an alias
              }
              List<String> next = new ArrayList<>(path);
              next.add(name);
              collect(sub, next, paths);
            });
  }
}
