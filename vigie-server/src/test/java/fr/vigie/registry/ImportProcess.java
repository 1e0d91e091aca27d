package fr.vigie.registry;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.crypto.KeyRing;
import java.nio.file.Path;

/**
 * Runs one import in a process of its own, so that a test can kill it with SIGKILL half-way.
 * Arguments: JDBC URL, key directory, CSV file, batch size; the database user and password in the
 * environment.
 */
final class ImportProcess {
  static final String USER = "VIGIE_TEST_DATABASE_USER";
  static final String PASSWORD = "VIGIE_TEST_DATABASE_PASSWORD";

  private ImportProcess() {}

  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    config.setUsername(System.getenv(USER));
    config.setPassword(System.getenv(PASSWORD));
    Path keys = Path.of(args[1]);
    try (HikariDataSource dataSource = new HikariDataSource(config)) {
      Registry registry =
          new Registry(
              dataSource,
              KeyRing.open("file:" + keys.resolve("kek.json"), keys, KeyRing.INDEX_FIELDS));
      registry.importPersons(
          Path.of(args[2]),
          new ImportOptions(null, Integer.parseInt(args[3]), 1),
          ImportProgress.NONE);
    }
  }
}
