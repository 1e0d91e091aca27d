package fr.vigie.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.transfer.Refusals.Reason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counting of refusals, without a database: what it writes is caught by a stand-in log. */
class RefusalsTest {
  /** One row the counting wrote. */
  record Row(String account, String route, String source, String outcome, long count) {}

  /** The operation log, kept in a list. */
  static final class CaughtOperations extends Operations {
    final List<Row> rows = new ArrayList<>();

    CaughtOperations() {
      super(null);
    }

    @Override
    void recordCounted(
        String account, OperationKind kind, String route, String source, String outcome, long n) {
      rows.add(new Row(account, route, source, outcome, n));
    }
  }

  @Test
  void refused_manyTimesByOneKey_writesOneRowWithTheCount() {
    CaughtOperations log = new CaughtOperations();
    Refusals refusals = new Refusals(log, 100);

    for (int i = 0; i < 1000; i++) {
      refusals.refused("192.0.2.7", null, Reason.BAD_TOKEN, "files");
    }
    refusals.refused("192.0.2.7", "digit", Reason.OFF_ROUTE, "other");
    refusals.flush();
    refusals.flush();

    assertThat(log.rows)
        .containsExactlyInAnyOrder(
            new Row("?", "files", "192.0.2.7", "bad-token", 1000),
            new Row("digit", "other", "192.0.2.7", "off-route", 1));
  }

  @Test
  void aFloodFromManyAddresses_staysWithinTheKeys_andFoldsTheRestIntoOther() {
    CaughtOperations log = new CaughtOperations();
    Refusals refusals = new Refusals(log, 50);

    for (int i = 0; i < 100_000; i++) {
      refusals.refused(
          "10.%d.%d.%d".formatted(i >> 16, (i >> 8) & 255, i & 255),
          null,
          i % 2 == 0 ? Reason.BAD_TOKEN : Reason.OFF_ROUTE,
          "files");
      assertThat(refusals.keys()).isLessThanOrEqualTo(50 + Reason.values().length);
    }
    refusals.flush();

    assertThat(log.rows.stream().mapToLong(Row::count).sum()).isEqualTo(100_000);
    assertThat(log.rows).hasSizeLessThanOrEqualTo(50 + Reason.values().length);
    assertThat(log.rows)
        .filteredOn(row -> row.source().equals(Refusals.OTHER))
        .extracting(Row::outcome)
        .containsExactlyInAnyOrder("bad-token", "off-route");
    assertThat(log.rows)
        .filteredOn(row -> row.source().equals(Refusals.OTHER))
        .extracting(Row::count)
        .allSatisfy(count -> assertThat(count).isGreaterThan(40_000));
    assertThat(refusals.keys()).isZero();
  }

  @Test
  void theNextWindow_startsAnewWithTheKeysFreed() {
    CaughtOperations log = new CaughtOperations();
    Refusals refusals = new Refusals(log, 2);
    refusals.refused("192.0.2.1", null, Reason.BAD_TOKEN, "files");
    refusals.refused("192.0.2.2", null, Reason.BAD_TOKEN, "files");
    refusals.flush();

    refusals.refused("192.0.2.3", null, Reason.BAD_TOKEN, "files");
    log.rows.clear();
    refusals.flush();

    assertThat(log.rows).containsExactly(new Row("?", "files", "192.0.2.3", "bad-token", 1));
  }
}
