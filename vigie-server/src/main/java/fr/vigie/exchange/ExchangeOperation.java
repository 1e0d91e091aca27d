package fr.vigie.exchange;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One operation of the exchange's log as the register reads it: account and file names, byte
 * counts, the source address of a subcontractor's machine; never personal data of the register.
 *
 * @param bytes the bytes moved, or null when the operation moves none
 * @param count how many requests the row stands for: above 1 only for refusals the exchange counted
 *     over a window ({@code REFUSED})
 */
record ExchangeOperation(
    long seq,
    Instant at,
    String account,
    String kind,
    String file,
    Long bytes,
    String source,
    String outcome,
    int count) {
  private static final Pattern BATCH_FILE =
      Pattern.compile("outbound/batch-(" + BatchId.FORM + ")\\.pgp");

  static ExchangeOperation of(JsonNode operation) {
    JsonNode bytes = operation.get("bytes");
    JsonNode file = operation.get("file");
    JsonNode count = operation.get("count");
    return new ExchangeOperation(
        operation.get("seq").asLong(),
        Instant.parse(operation.get("at").asString()),
        operation.get("account").asString(),
        operation.get("kind").asString(),
        file == null || file.isNull() ? null : file.asString(),
        bytes == null || bytes.isNull() ? null : bytes.asLong(),
        operation.get("source").asString(),
        operation.get("outcome").asString(),
        count == null || count.isNull() ? 1 : Math.max(1, count.asInt()));
  }

  /** The batch whose file this operation moved, or null for any other file or none. */
  BatchId batch() {
    if (file == null) {
      return null;
    }
    Matcher matcher = BATCH_FILE.matcher(file);
    return matcher.matches() ? new BatchId(UUID.fromString(matcher.group(1))) : null;
  }

  boolean ok() {
    return "ok".equals(outcome);
  }

  @Override
  public String toString() {
    return "ExchangeOperation[seq=%d, kind=%s, outcome=%s, count=%d]"
        .formatted(seq, kind, outcome, count);
  }
}
