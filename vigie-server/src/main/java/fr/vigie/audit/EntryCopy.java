package fr.vigie.audit;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Rows of {@code audit_entry (idx, at, entry, leaf_hash, subject, actor, organization)} in
 * PostgreSQL's binary COPY format, built in memory for one batch: data only, nothing that
 * PostgreSQL parses as SQL. The actor and organization index columns are read from the entry's own
 * bytes here, as {@code audit_entry_string} would read them.
 */
final class EntryCopy {
  static final String SQL =
      "copy audit_entry (idx, at, entry, leaf_hash, subject, actor, organization)"
          + " from stdin (format binary)";
  static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

  /** Microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch. */
  static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

  private ByteBuffer buffer;

  EntryCopy(int expectedBytes) {
    buffer = ByteBuffer.allocate(Math.max(64, expectedBytes));
    buffer.put(SIGNATURE).putInt(0).putInt(0); // no flags, no header extension
  }

  void row(long idx, long atMicros, byte[] entry, byte[] leafHash, java.util.UUID subject) {
    byte[] actor = AuditEntry.stringAt(entry, AuditEntry.ACTOR);
    byte[] organization = AuditEntry.stringAt(entry, AuditEntry.ORGANIZATION);
    ensure(2 + 12 + 12 + 4 + entry.length + 4 + leafHash.length + 20 + 8 + entry.length);
    buffer.putShort((short) 7);
    buffer.putInt(8).putLong(idx);
    buffer.putInt(8).putLong(atMicros - POSTGRES_EPOCH_MICROS);
    buffer.putInt(entry.length).put(entry);
    buffer.putInt(leafHash.length).put(leafHash);
    if (subject == null) {
      buffer.putInt(-1);
    } else {
      buffer.putInt(16).putLong(subject.getMostSignificantBits());
      buffer.putLong(subject.getLeastSignificantBits());
    }
    bytea(actor);
    bytea(organization);
  }

  private void bytea(byte[] value) {
    if (value == null) {
      buffer.putInt(-1);
    } else {
      buffer.putInt(value.length).put(value);
    }
  }

  /** The finished stream, with its trailer. */
  byte[] finish() {
    ensure(2);
    buffer.putShort((short) -1);
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  private void ensure(int more) {
    if (buffer.remaining() < more) {
      ByteBuffer larger =
          ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
      buffer.flip();
      buffer = larger.put(buffer);
    }
  }
}
