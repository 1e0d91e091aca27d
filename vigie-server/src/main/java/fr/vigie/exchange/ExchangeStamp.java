package fr.vigie.exchange;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an audit entry of an exchange operation keeps of the exchange in its source token: the
 * operation's sequence, the time the exchange did it, and the batch whose file it moved, if any.
 * The entry's own time is the register's, when it appended the entry: the audit log stays in time
 * order however late the register ingests, and the exchange's time travels here.
 *
 * <p>Written {@code exchange-seq:<19 digits>/at:<ISO instant>} then {@code /batch-<uuid>} for a
 * batch's file: at most 106 characters of the source token's alphabet. An entry ingested before
 * this form existed has {@code exchange-seq:<19 digits>} alone and no stamp: its time is the
 * exchange's own (the entry's time), and it names no batch.
 *
 * @param batch the batch whose file the operation moved, or null
 */
public record ExchangeStamp(long seq, Instant at, BatchId batch) {
  static final String PREFIX = "exchange-seq:";

  private static final Pattern FORM =
      Pattern.compile(
          Pattern.quote(PREFIX)
              + "(\\d{19})/at:([0-9T:.Z-]{20,27})(?:/batch-("
              + BatchId.FORM
              + "))?");

  public ExchangeStamp {
    requireNonNull(at, "at is null");
    at = at.truncatedTo(ChronoUnit.MICROS);
  }

  /** The stamp of an audit entry's source; empty for any other source. */
  public static Optional<ExchangeStamp> of(String source) {
    if (source == null) {
      return Optional.empty();
    }
    Matcher matcher = FORM.matcher(source);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ExchangeStamp(
              Long.parseLong(matcher.group(1)),
              Instant.parse(matcher.group(2)),
              matcher.group(3) == null ? null : new BatchId(UUID.fromString(matcher.group(3)))));
    } catch (DateTimeParseException | NumberFormatException e) {
      // A time that is no instant, or 19 digits beyond a long: not a stamp Vigie wrote.
      return Optional.empty();
    }
  }

  /** The source token to write. */
  String source() {
    return PREFIX
        + "%019d".formatted(seq)
        + "/at:"
        + at
        + (batch == null ? "" : "/" + batch.fileName().replace(".pgp", ""));
  }
}
