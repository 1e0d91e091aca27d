package fr.vigie.registry;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary COPY format, built in memory for one batch: no text escaping, bytea
 * sent as is. See "COPY ... Binary Format" in the PostgreSQL manual.
 */
final class BinaryCopy {
  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0
  };
  private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
  private static final java.time.Instant POSTGRES_EPOCH =
      java.time.Instant.parse("2000-01-01T00:00:00Z");

  private byte[] buffer;
  private int size;

  BinaryCopy(int expectedBytes) {
    buffer = new byte[Math.max(64, expectedBytes)];
    raw(SIGNATURE);
    int32(0); // flags: no OIDs
    int32(0); // header extension length
  }

  void startRow(int columns) {
    int16(columns);
  }

  void uuid(UUID value) {
    if (value == null) {
      int32(-1);
      return;
    }
    int32(16);
    int64(value.getMostSignificantBits());
    int64(value.getLeastSignificantBits());
  }

  void bytea(byte[] value) {
    if (value == null) {
      int32(-1);
      return;
    }
    int32(value.length);
    raw(value);
  }

  void bigint(long value) {
    int32(8);
    int64(value);
  }

  void date(LocalDate value) {
    if (value == null) {
      int32(-1);
      return;
    }
    int32(4);
    int32((int) (value.toEpochDay() - POSTGRES_EPOCH_DAY));
  }

  /** A {@code timestamptz}: microseconds since 2000-01-01T00:00Z. */
  void timestamp(java.time.Instant value) {
    int32(8);
    int64(java.time.temporal.ChronoUnit.MICROS.between(POSTGRES_EPOCH, value));
  }

  void text(String value) {
    bytea(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  /** The finished stream, with its trailer. */
  byte[] finish() {
    int16(-1);
    return Arrays.copyOf(buffer, size);
  }

  private void int16(int value) {
    ensure(2);
    buffer[size++] = (byte) (value >>> 8);
    buffer[size++] = (byte) value;
  }

  private void int32(int value) {
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
  }

  private void int64(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
  }

  private void raw(byte[] value) {
    ensure(value.length);
    System.arraycopy(value, 0, buffer, size, value.length);
    size += value.length;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
