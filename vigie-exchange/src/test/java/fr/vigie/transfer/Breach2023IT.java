package fr.vigie.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 2023 case: a subcontractor's transfer server taken whole. After batches covering generated
 * persons have gone through the exchange (placed by the register, fetched and answered over SFTP),
 * everything it holds is copied (its data directory with its PostgreSQL files and key files, a
 * {@code pg_dump} of its database, its settings) and searched for the persons' NIRs, names, emails
 * and birth dates: none is found. The same search over the batches' plaintext finds every one, so
 * the search itself works.
 *
 * <p>{@code -Dvigie.breach.persons=100000} runs it at the full size.
 */
class Breach2023IT {
  private static final int PERSONS = Integer.getInteger("vigie.breach.persons", 5_000);
  private static final int BATCH = 1_000;
  private static final String[] SURNAMES = {
    "Dufresnoy", "Lemarchand", "Vasseur", "Kergoat", "Delacroix", "Bourdieu", "Chassagne",
    "Fontanier", "Guillemot", "Haussmann", "Jacquemin", "Laboissiere", "Marchetti", "Navarrot",
    "Ollivier", "Peyrefitte", "Quintard", "Rousselot", "Sarrazin", "Tessier", "Urbanski",
    "Vautrin", "Wiltzer", "Ybarnegaray", "Zimmermann"
  };
  private static final String[] FIRST_NAMES = {
    "Apolline", "Baptistin", "Clementine", "Desire", "Eleonore", "Firmin", "Gaspard", "Honorine",
    "Isidore", "Josephine", "Leocadie", "Maximilien", "Norbert", "Octavie", "Philomene", "Romuald"
  };

  @TempDir Path temp;

  /** One generated person: what the 2023 thieves took. */
  record Person(String nir, String birthName, String firstNames, String email, LocalDate born) {
    String csv(int token) {
      return "%032x,%s,,%s,%s,%s".formatted(token, birthName, firstNames, born, nir);
    }
  }

  static List<Person> persons(int count, long seed) {
    Random random = new Random(seed);
    List<Person> persons = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String surname = SURNAMES[random.nextInt(SURNAMES.length)];
      String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
      LocalDate born = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(20_000));
      long body =
          (random.nextBoolean() ? 1L : 2L) * 10_000_000_000_000L
              + (born.getYear() % 100) * 100_000_000_000L
              + born.getMonthValue() * 1_000_000_000L
              + (1 + random.nextInt(95)) * 10_000_000L
              + random.nextInt(1_000) * 10_000L
              + random.nextInt(1_000) * 10L;
      long number = body / 10;
      String nir = "%013d%02d".formatted(number, 97 - number % 97);
      String email = (first + "." + surname + "." + i + "@example.org").toLowerCase();
      persons.add(new Person(nir, surname.toUpperCase(), first, email, born));
    }
    return persons;
  }

  @Test
  void everythingTheExchangeHolds_afterBatchesOfGeneratedPersons_containsNoneOfTheirData()
      throws Exception {
    List<Person> persons = persons(PERSONS, 2023);
    Path plaintext = Files.createDirectories(temp.resolve("plaintext"));
    Path copy = Files.createDirectories(temp.resolve("stolen"));
    PGPPublicKey subcontractor = Sealed.recipient();
    PGPPublicKey register = Sealed.recipient();
    Path dataDir = temp.resolve("exchange");
    SftpClient client = SftpClient.withNewKey(temp.resolve("subcontractor"));

    try (RunningExchange exchange = new RunningExchange(dataDir)) {
      exchange.openAccount("digit-2023", client, "{\"quotaBytes\":100000000000}");
      int batches = 0;
      for (int from = 0; from < persons.size(); from += BATCH) {
        StringBuilder csv =
            new StringBuilder("token,birth_name,usual_name,first_names,birth_date,nir\n");
        for (int i = from; i < Math.min(from + BATCH, persons.size()); i++) {
          csv.append(persons.get(i).csv(i)).append('\n');
        }
        byte[] clear = csv.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(plaintext.resolve("batch-" + batches + ".csv"), clear);
        String name = "batch-" + batches + ".pgp";
        assertThat(
                exchange
                    .place("digit-2023", name, Sealed.encrypt(clear, subcontractor, name))
                    .statusCode())
            .isEqualTo(201);
        batches++;
      }
      // The subcontractor fetches the first batch and answers it, encrypted to the register.
      Files.write(
          client.workDir().resolve("results-0.pgp"),
          Sealed.encrypt(
              Files.readAllBytes(plaintext.resolve("batch-0.csv")), register, "results-0.csv"));
      SftpClient.Result session =
          client.batch(
              "digit-2023",
              exchange.sftpPort(),
              "get outbound/batch-0.pgp",
              "put results-0.pgp inbound/results-0.pgp",
              "ls -l outbound");
      assertThat(session.ok()).as(session.output()).isTrue();

      // The thief's copy, taken while the exchange runs: its database dumped, then its files.
      Path dump = copy.resolve("exchange.sql");
      Process pgDump =
          new ProcessBuilder(
                  "pg_dump",
                  "-h",
                  "localhost",
                  "-p",
                  Integer.toString(exchange.database.getPort()),
                  "-U",
                  "postgres",
                  "-f",
                  dump.toString(),
                  "postgres")
              .redirectErrorStream(true)
              .start();
      String pgDumpOutput = new String(pgDump.getInputStream().readAllBytes());
      assertThat(pgDump.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(pgDump.exitValue()).as(pgDumpOutput).isZero();
      copyTree(dataDir, copy.resolve("data"));
      Files.copy(
          Path.of("target/classes/application.properties"), copy.resolve("application.properties"));
      assertThat(Files.readString(dump)).contains("digit-2023", "UPLOAD", "PLACE");
    }

    List<String> secrets = secrets(persons);
    assertThat(found(secrets, plaintext))
        .as("the search finds the plaintext")
        .hasSizeGreaterThan(secrets.size() / 2);
    assertThat(found(secrets, copy)).as("personal data in the exchange's copy").isEmpty();
    long bytes;
    try (Stream<Path> files = Files.walk(copy)) {
      bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf(
        "2023 case: %d persons in %d batches, %d bytes copied from the exchange, 0 found%n",
        persons.size(), (persons.size() + BATCH - 1) / BATCH, bytes);
  }

  /** Every NIR, email, birth name, first name and birth date of the persons. */
  private static List<String> secrets(List<Person> persons) {
    Set<String> secrets = new LinkedHashSet<>();
    for (Person person : persons) {
      secrets.add(person.nir());
      secrets.add(person.email());
      secrets.add(person.birthName());
      secrets.add(person.firstNames());
      secrets.add(person.born().toString());
    }
    return new ArrayList<>(secrets);
  }

  /** The secrets {@code grep -F} finds anywhere under {@code directory}, binary files included. */
  private List<String> found(List<String> secrets, Path directory)
      throws IOException, InterruptedException {
    Path patterns = temp.resolve("patterns-" + System.nanoTime() + ".txt");
    Files.write(patterns, secrets);
    Process grep =
        new ProcessBuilder(
                "grep",
                "-r",
                "-a",
                "-o",
                "-h",
                "-F",
                "-f",
                patterns.toString(),
                directory.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Set<String> matches = new LinkedHashSet<>();
    try (var lines = grep.inputReader(StandardCharsets.ISO_8859_1).lines()) {
      lines.forEach(matches::add);
    }
    grep.waitFor(600, TimeUnit.SECONDS);
    return new ArrayList<>(matches);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else if (Files.isRegularFile(path) && Files.isReadable(path)) {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
