package fr.vigie.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeStampTest {
  @Test
  void source_ofABatchsOperation_isAnAuditSourceThatReadsBackTheSame() {
    ExchangeStamp stamp =
        new ExchangeStamp(
            Long.MAX_VALUE, Instant.parse("2026-03-02T10:00:00.123456789Z"), BatchId.random());

    AuditEvent event =
        new AuditEvent(
            Instant.parse("2026-03-02T10:15:00Z"),
            "exchange:digit",
            AuditAction.EXCHANGE,
            null,
            List.of(),
            "EXCHANGE.DOWNLOAD.OK",
            AuditDecision.ALLOW,
            stamp.source(),
            null);

    assertThat(ExchangeStamp.of(event.source())).hasValue(stamp);
    assertThat(stamp.at()).isEqualTo(Instant.parse("2026-03-02T10:00:00.123456Z"));
  }

  @Test
  void source_ofAnOperationOnNoBatch_readsBackWithoutOne() {
    ExchangeStamp stamp = new ExchangeStamp(42, Instant.parse("2026-03-02T10:00:00Z"), null);

    assertThat(stamp.source())
        .isEqualTo("exchange-seq:0000000000000000042/at:2026-03-02T10:00:00Z");
    assertThat(ExchangeStamp.of(stamp.source())).hasValue(stamp);
  }

  @Test
  void of_anyOtherSource_isEmpty() {
    assertThat(ExchangeStamp.of(null)).isEmpty();
    assertThat(ExchangeStamp.of("exchange-seq:0000000000000000042")).isEmpty();
    assertThat(ExchangeStamp.of("exchange-seq:0000000000000000042/at:2026-13-02T10:00:00Z"))
        .isEmpty();
    assertThat(ExchangeStamp.of("raised-at:2026-03-02T10:00:00Z")).isEmpty();
  }

  /** Found in review: 19 digits beyond a long threw out of the parse, and failed a whole scope. */
  @Test
  void of_aSequenceBeyondALong_isEmpty() {
    assertThat(ExchangeStamp.of("exchange-seq:9999999999999999999/at:2026-03-02T10:00:00Z"))
        .isEmpty();
  }

  @Test
  void batch_ofAnOperation_isReadFromAnOutboundBatchFileOnly() {
    BatchId batch = BatchId.random();

    assertThat(operation("outbound/" + batch.fileName()).batch()).isEqualTo(batch);
    assertThat(operation("inbound/" + batch.fileName()).batch()).isNull();
    assertThat(operation("outbound/batch-other.pgp").batch()).isNull();
    assertThat(operation(null).batch()).isNull();
  }

  private static ExchangeOperation operation(String file) {
    return new ExchangeOperation(
        1,
        Instant.parse("2026-03-02T10:00:00Z"),
        "digit",
        "DOWNLOAD",
        file,
        10L,
        "192.0.2.1",
        "ok",
        1);
  }
}
