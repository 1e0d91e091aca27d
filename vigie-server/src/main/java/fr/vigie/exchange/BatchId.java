package fr.vigie.exchange;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** One batch sent to a subcontractor; its name on the exchange is {@code batch-<id>}. */
public record BatchId(UUID value) {
  public BatchId {
    requireNonNull(value, "value is null");
  }

  public static BatchId random() {
    return new BatchId(UUID.randomUUID());
  }

  /** The file name of the batch's encrypted file on the exchange. */
  public String fileName() {
    return "batch-" + value + ".pgp";
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
