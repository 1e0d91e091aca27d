package fr.vigie.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.crypto.KeyRing;
import fr.vigie.simulation.SyntheticAgency;
import fr.vigie.testing.TestDatabase;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an attacker with a copy of the database gets: a pg_dump of a register holding 100,000
 * generated persons contains none of their NIRs, names, emails or phone numbers in clear.
 */
class PlaintextDumpIT {
  private static final int PERSONS = 100_000;

  @TempDir Path directory;

  @Test
  void pgDump_afterImport_holdsNoPlaintextPersonalData() throws Exception {
    SyntheticAgency agency = SyntheticAgency.generate(PERSONS, 20240206L);
    Path csv = directory.resolve("persons.csv");
    Set<String> secrets = new TreeSet<>();
    try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
        CSVPrinter printer = PersonCsv.printer(out)) {
      agency
          .persons()
          .forEach(
              p -> {
                PersonCsv.write(printer, p);
                addSecrets(secrets, p);
              });
    }
    try (HikariDataSource dataSource = TestDatabase.newDatabase()) {
      for (var organization : agency.organizations()) {
        try (var c = dataSource.getConnection();
            var insert =
                c.prepareStatement(
                    "insert into organization (id, code, kind, name) values (?, ?, ?, ?)")) {
          insert.setObject(1, java.util.UUID.randomUUID());
          insert.setString(2, organization.code());
          insert.setString(3, organization.kind().name());
          insert.setString(4, organization.name());
          insert.executeUpdate();
        }
      }
      Path keys = directory.resolve("keys");
      Registry registry =
          new Registry(
              dataSource,
              KeyRing.open("file:" + keys.resolve("kek.json"), keys, KeyRing.INDEX_FIELDS));
      ImportReport report =
          registry.importPersons(csv, ImportOptions.defaults(), ImportProgress.NONE);
      assertThat(report.inserted() + report.rejected()).isEqualTo(PERSONS);
      assertThat(report.rejectReasons().keySet())
          .allMatch(reason -> reason.startsWith("left_on: "));
      assertThat(report.inserted()).isGreaterThan(PERSONS * 9 / 10);

      String database =
          dataSource.getJdbcUrl().substring(dataSource.getJdbcUrl().lastIndexOf('/') + 1);
      Path dump = pgDump(database, directory.resolve("full.sql"), List.of());
      // The same database without the person rows: what can legitimately match (schema, the
      // organizations' city names) shows up there too.
      Path control =
          pgDump(
              database, directory.resolve("control.sql"), List.of("--exclude-table-data=person"));
      Path needles = directory.resolve("needles.txt");
      Files.write(needles, secrets, StandardCharsets.UTF_8);
      assertThat(Files.size(dump)).isGreaterThan(Files.size(control) + PERSONS * 200L);

      // Text columns: every value in clear, outside the bytea columns. (Inside them, ciphertexts
      // are printed in hex, where an 11-digit identifier turns up by chance now and then.)
      Map<String, Integer> inDump = matches(needles, withoutHexRuns(dump));
      Map<String, Integer> inControl = matches(needles, withoutHexRuns(control));
      assertThat(inDump)
          .as("personal values found in the dump beyond what the person-free dump has")
          .isEqualTo(inControl);
      // The control may only hold names that are also city or organization words, never an id.
      assertThat(inControl.keySet()).allMatch(s -> !s.matches(".*[0-9@].*"));
      // bytea columns: a value stored unencrypted would appear hex-encoded. Values of 10 bytes
      // or more (NIRs, identifiers, emails, phones, addresses) cannot match by chance.
      Path hexNeedles = directory.resolve("hex-needles.txt");
      Files.write(
          hexNeedles,
          secrets.stream()
              .map(s -> s.getBytes(StandardCharsets.UTF_8))
              .filter(b -> b.length >= 10)
              .map(b -> java.util.HexFormat.of().formatHex(b))
              .toList(),
          StandardCharsets.UTF_8);
      assertThat(matches(hexNeedles, dump)).as("personal values stored as raw bytes").isEmpty();
    }
  }

  /** A copy of a dump with every bytea value, printed as \\x and hex digits, cut to \\x. */
  private static Path withoutHexRuns(Path dump) throws IOException {
    String text = Files.readString(dump, StandardCharsets.UTF_8);
    Path out = dump.resolveSibling(dump.getFileName() + ".text");
    Files.writeString(out, text.replaceAll("\\\\x[0-9a-f]+", "\\\\x"), StandardCharsets.UTF_8);
    return out;
  }

  private static void addSecrets(Set<String> secrets, PersonRecord p) {
    if (p.nir() != null) {
      secrets.add(p.nir().value());
    }
    secrets.add(p.identifier().value());
    addIfPresent(secrets, p.email());
    addIfPresent(secrets, p.phone());
    addIfPresent(secrets, p.birthName());
    addIfPresent(secrets, p.usualName());
    addIfPresent(secrets, p.firstNames());
    addIfPresent(secrets, p.address());
  }

  private static void addIfPresent(Set<String> secrets, String value) {
    if (value != null && value.length() >= 3) {
      secrets.add(value);
    }
  }

  private static Path pgDump(String database, Path out, List<String> options)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("pg_dump");
    command.addAll(
        List.of(
            "--host=localhost",
            "--port=" + TestDatabase.port(),
            "--username=" + TestDatabase.superuser().user(),
            "--no-password",
            "--file=" + out));
    command.addAll(options);
    command.add(database);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", TestDatabase.superuser().password());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("pg_dump: " + output).isZero();
    return out;
  }

  /** Every needle found in the file, with its count: GNU grep's multi-string search. */
  private static Map<String, Integer> matches(Path needles, Path file)
      throws IOException, InterruptedException {
    Process grep =
        new ProcessBuilder("grep", "-o", "-F", "-f", needles.toString(), file.toString()).start();
    Map<String, Integer> found = new TreeMap<>();
    for (String line :
        new String(grep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        found.merge(line, 1, Integer::sum);
      }
    }
    assertThat(grep.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(grep.exitValue()).as("grep failed").isLessThan(2);
    return found;
  }
}
