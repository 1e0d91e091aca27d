package fr.vigie.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.crypto.KeyRing;
import fr.vigie.testing.TestDatabase;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An import killed with SIGKILL half-way and run again ends as one clean run. */
class ImportCrashIT {
  private static final int PERSONS = 60_000;
  private static final int BATCH = 300;

  @TempDir Path directory;

  @Test
  void import_killedHalfWayThenRunAgain_endsExactlyAsOneCleanRun() throws Exception {
    List<PersonRecord> persons = TestPersons.persons(PERSONS);
    Path csv = TestPersons.writeCsv(directory.resolve("persons.csv"), persons);
    Path keys = directory.resolve("keys");
    try (HikariDataSource crashed = TestDatabase.newDatabase();
        HikariDataSource clean = TestDatabase.newDatabase()) {
      TestPersons.createOrganization(crashed, TestPersons.ORGANIZATION);
      TestPersons.createOrganization(clean, TestPersons.ORGANIZATION);
      KeyRing keyRing =
          KeyRing.open("file:" + keys.resolve("kek.json"), keys, KeyRing.INDEX_FIELDS);
      Registry afterCrash = new Registry(crashed, keyRing);

      long atKill = killWhenPartlyImported(crashed, keys, csv);
      ImportReport rerun =
          afterCrash.importPersons(csv, ImportOptions.defaults(), ImportProgress.NONE);
      Registry once = new Registry(clean, keyRing);
      once.importPersons(csv, ImportOptions.defaults(), ImportProgress.NONE);

      assertThat(atKill).isBetween(1L, PERSONS - 1L);
      assertThat(atKill % BATCH).as("only whole batches are committed").isZero();
      assertThat(rerun.unchanged()).isEqualTo(atKill);
      assertThat(rerun.inserted()).isEqualTo(PERSONS - atKill);
      assertThat(afterCrash.count()).isEqualTo(PERSONS);
      assertThat(contents(afterCrash, persons)).isEqualTo(contents(once, persons));
    }
  }

  /** Starts the import in another JVM and kills it with SIGKILL once part of it is committed. */
  private static long killWhenPartlyImported(HikariDataSource db, Path keys, Path csv)
      throws Exception {
    ProcessBuilder childProcess =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ImportProcess.class.getName(),
                db.getJdbcUrl(),
                keys.toString(),
                csv.toString(),
                String.valueOf(BATCH))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    // The import runs as the application's role; its password goes in the environment.
    childProcess.environment().put(ImportProcess.USER, TestDatabase.app().user());
    childProcess.environment().put(ImportProcess.PASSWORD, TestDatabase.app().password());
    Process child = childProcess.start();
    Registry observer =
        new Registry(
            db, KeyRing.open("file:" + keys.resolve("kek.json"), keys, KeyRing.INDEX_FIELDS));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (observer.count() < PERSONS / 4 && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no rollback from the client
    child.waitFor(30, TimeUnit.SECONDS);
    return observer.count();
  }

  /** Every person's decrypted fields, keyed by identifier. */
  private static Map<String, Map<PersonField, String>> contents(
      Registry registry, List<PersonRecord> persons) {
    Map<String, Map<PersonField, String>> all = new TreeMap<>();
    for (PersonRecord p : persons) {
      PersonId id = registry.findByIdentifier(p.identifier()).orElseThrow();
      all.put(p.identifier().value(), registry.decrypt(id, EnumSet.allOf(PersonField.class)));
    }
    return all;
  }
}
