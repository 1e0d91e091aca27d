package fr.vigie.exchange;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** One batch sent to a subcontractor; its name on the exchange is {@code batch-<id>}. */
public record BatchId(UUID value) {
  /** A batch's id as its file name and the audit write it: a lower-case UUID. */
  static final String FORM = "[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}";

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
