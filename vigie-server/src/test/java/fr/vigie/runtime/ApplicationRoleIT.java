package fr.vigie.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What the application's role may do after the real migrations: the rows it works on, and on the
 * audit log only append and read. Each allow has its deny next to it.
 */
class ApplicationRoleIT {
  private static final HikariDataSource DATABASE = TestDatabase.newDatabase();
  private static final String PERMISSION_DENIED = "42501";

  @AfterAll
  static void close() {
    DATABASE.close();
  }

  @Test
  void appendAudit_asApp_succeeds() throws Exception {
    try (Connection app = TestDatabase.connectAsApp(DATABASE);
        Statement s = app.createStatement()) {
      s.execute(
          "insert into audit_entry (idx, at, entry, leaf_hash)"
              + " values (1000000, now(), '\\x00', '\\x00')");
      try (ResultSet rows =
          s.executeQuery("select count(*) from audit_entry where idx = 1000000")) {
        rows.next();
        assertThat(rows.getLong(1)).isOne();
      }
    }
  }

  @Test
  void updateAudit_asApp_isPermissionDenied() throws Exception {
    assertDenied("update audit_entry set at = now()");
    assertDenied("update audit_checkpoint set at = now()");
  }

  @Test
  void deleteAudit_asApp_isPermissionDenied() throws Exception {
    assertDenied("delete from audit_entry");
    assertDenied("delete from audit_checkpoint");
  }

  @Test
  void truncateAudit_asApp_isPermissionDenied() throws Exception {
    assertDenied("truncate audit_entry");
    assertDenied("truncate audit_checkpoint");
  }

  @Test
  void disableAuditTriggers_asApp_isRefused() throws Exception {
    assertDenied("alter table audit_entry disable trigger user");
  }

  @Test
  void changeWorkingRows_asApp_succeeds() throws Exception {
    try (Connection app = TestDatabase.connectAsApp(DATABASE);
        Statement s = app.createStatement()) {
      assertThatCode(
              () -> {
                s.executeQuery("select count(*) from person").close();
                s.executeUpdate("update person set id = id where false");
                s.executeUpdate("delete from caseload where false");
                s.executeUpdate("update staff_account set id = id where false");
              })
          .doesNotThrowAnyException();
    }
  }

  @Test
  void createTable_asApp_isPermissionDenied() throws Exception {
    assertDenied("create table intruder (id int)");
  }

  @Test
  void readMigrationHistory_asApp_isPermissionDenied() throws Exception {
    assertDenied("select * from flyway_schema_history");
  }

  @Test
  void ownedObjects_ofApp_areNone() throws Exception {
    try (Connection owner = DATABASE.getConnection();
        Statement s = owner.createStatement();
        ResultSet rows =
            s.executeQuery("select count(*) from pg_class where relowner = 'vigie_app'::regrole")) {
      rows.next();
      assertThat(rows.getLong(1)).isZero();
    }
  }

  private static void assertDenied(String sql) throws SQLException {
    try (Connection app = TestDatabase.connectAsApp(DATABASE);
        Statement s = app.createStatement()) {
      assertThatThrownBy(() -> s.execute(sql))
          .as(sql)
          .isInstanceOf(SQLException.class)
          .satisfies(
              e -> {
                assertThat(((SQLException) e).getSQLState()).isEqualTo(PERMISSION_DENIED);
                assertThat(e.getMessage()).containsAnyOf("permission denied", "must be owner");
              });
    }
  }
}
