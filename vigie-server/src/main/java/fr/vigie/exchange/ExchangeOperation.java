package fr.vigie.exchange;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One operation of the exchange's log as the register reads it: account and file names, byte
 * counts, the source address of a subcontractor's machine; never personal data of the register.
 *
 * @param bytes the bytes moved, or null when the operation moves none
 */
record ExchangeOperation(
    long seq,
    Instant at,
    String account,
    String kind,
    String file,
    Long bytes,
    String source,
    String outcome) {

  static ExchangeOperation of(JsonNode operation) {
    JsonNode bytes = operation.get("bytes");
    JsonNode file = operation.get("file");
    return new ExchangeOperation(
        operation.get("seq").asLong(),
        Instant.parse(operation.get("at").asString()),
        operation.get("account").asString(),
        operation.get("kind").asString(),
        file == null || file.isNull() ? null : file.asString(),
        bytes == null || bytes.isNull() ? null : bytes.asLong(),
        operation.get("source").asString(),
        operation.get("outcome").asString());
  }

  boolean ok() {
    return "ok".equals(outcome);
  }

  @Override
  public String toString() {
    return "ExchangeOperation[seq=" + seq + ", kind=" + kind + ", outcome=" + outcome + "]";
  }
}
