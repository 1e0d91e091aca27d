package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.registry.PersonCsv;
import fr.vigie.simulation.SyntheticAgency;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {
  @TempDir Path directory;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void generatePersons_newFile_writesTheAgencyPersonsReadableByTheOwnerOnly() throws IOException {
    Path file = directory.resolve("persons.csv");

    int code =
        run("generate", "persons", "--count", "500", "--seed", "9", "--out", file.toString());

    assertThat(code).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo(csv(SyntheticAgency.generate(500, 9)));
    assertThat(out.toString()).contains("wrote 500 persons to " + file).contains(" s (");
  }

  @Test
  void generatePersons_existingFile_isRefusedAndLeftUnchanged() throws IOException {
    Path file = Files.writeString(directory.resolve("persons.csv"), "keep me");

    int code = run("generate", "persons", "--count", "10", "--out", file.toString());

    assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(Files.readString(file)).isEqualTo("keep me");
    assertThat(err.toString()).contains("file exists").contains("--force");
  }

  @Test
  void generatePersons_existingFileWithForce_isReplacedReadableByTheOwnerOnly() throws IOException {
    Path file = Files.writeString(directory.resolve("persons.csv"), "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    int code = run("generate", "persons", "--count", "10", "--force", "--out", file.toString());

    assertThat(code).isZero();
    assertThat(Files.readString(file)).startsWith(String.join(",", PersonCsv.COLUMNS) + "\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void generatePersons_countBelowOne_isRefused() {
    Path file = directory.resolve("persons.csv");

    assertThat(run("generate", "persons", "--count", "0", "--out", file.toString()))
        .isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(run("generate", "persons", "--count", "-3", "--out", file.toString()))
        .isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("--count must be from 1");
    assertThat(file).doesNotExist();
  }

  @Test
  void generatePersons_missingDirectory_isRefused() {
    Path file = directory.resolve("missing").resolve("persons.csv");

    int code = run("generate", "persons", "--count", "10", "--out", file.toString());

    assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("directory does not exist");
    assertThat(file.getParent()).doesNotExist();
  }

  @Test
  void generate_withoutWhat_isRefused() {
    assertThat(run("generate")).isEqualTo(CommandLine.ExitCode.USAGE);
  }

  private int run(String... args) {
    return new CommandLine(new VigieCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  private static String csv(SyntheticAgency agency) throws IOException {
    StringWriter text = new StringWriter();
    try (CSVPrinter printer = PersonCsv.printer(text)) {
      agency.persons().forEachOrdered(person -> PersonCsv.write(printer, person));
    }
    return text.toString();
  }
}
