package fr.vigie.audit;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The canonical bytes of a log entry, the input of its leaf hash. Length-prefixed, so no two
 * entries share an encoding:
 *
 * <pre>
 * version   1 byte (1)
 * index     int64, the entry's own position in the log, so a moved row is named
 * at        int64, microseconds since 1970-01-01T00:00Z
 * action, decision, actor, subject, organization, purpose, source: strings
 * fields    int32 count, then that many strings
 * string    int32 length in bytes (-1 for null), then UTF-8
 * </pre>
 *
 * Big-endian throughout. The event part (from {@code at} on) is encoded by the caller's thread; the
 * appender only prefixes the index it assigns.
 */
final class AuditEntry {
  static final byte VERSION = 1;
  static final int HEADER_BYTES = 1 + 8;

  /** The actor's place among an entry's strings (0: action, 1: decision, 2: actor...). */
  static final int ACTOR = 2;

  /** The organization's place among an entry's strings. */
  static final int ORGANIZATION = 4;

  /** Version, index and time: where an entry's strings begin. */
  private static final int STRINGS_START = HEADER_BYTES + 8;

  private AuditEntry() {}

  /** The event's encoding, without the version and index header. */
  static byte[] encodeEvent(AuditEvent event) {
    List<byte[]> head =
        Stream.of(
                event.action().name(),
                event.decision().name(),
                event.actor(),
                event.subject(),
                event.organization(),
                event.purpose(),
                event.source())
            .map(AuditEntry::utf8)
            .toList();
    List<byte[]> fields = event.fields().stream().map(AuditEntry::utf8).toList();
    ByteBuffer out = ByteBuffer.allocate(8 + encodedSize(head) + 4 + encodedSize(fields));
    out.putLong(micros(event.at()));
    head.forEach(s -> put(out, s));
    out.putInt(fields.size());
    fields.forEach(s -> put(out, s));
    return out.array();
  }

  /** The whole entry: header, then the event's encoding. */
  static byte[] frame(long index, byte[] event) {
    return ByteBuffer.allocate(HEADER_BYTES + event.length)
        .put(VERSION)
        .putLong(index)
        .put(event)
        .array();
  }

  /** The index an entry says it has; -1 if it is too short or of another version. */
  static long indexOf(byte[] entry) {
    if (entry.length < HEADER_BYTES + 8 || entry[0] != VERSION) {
      return -1;
    }
    return ByteBuffer.wrap(entry, 1, 8).getLong();
  }

  /** The time an entry says it was made, in microseconds; only valid after {@link #indexOf}. */
  static long microsOf(byte[] entry) {
    return ByteBuffer.wrap(entry, HEADER_BYTES, 8).getLong();
  }

  /**
   * The bytes of the {@code n}-th string of {@code entry}; null when that string is null or the
   * entry cannot hold it. Answers what the SQL function {@code audit_entry_string} (V115) answers
   * for the same bytes, so the index columns written beside an entry are those PostgreSQL would
   * compute from it.
   */
  static byte[] stringAt(byte[] entry, int n) {
    int size = entry.length;
    if (size < STRINGS_START + 4 || entry[0] != VERSION) {
      return null;
    }
    int offset = STRINGS_START;
    for (int i = 0; i <= n; i++) {
      if (offset > size - 4) {
        return null;
      }
      int length = ByteBuffer.wrap(entry, offset, 4).getInt();
      if (length > size - offset - 4) {
        return null;
      }
      if (i == n) {
        return length < 0 ? null : Arrays.copyOfRange(entry, offset + 4, offset + 4 + length);
      }
      offset += 4 + Math.max(length, 0);
    }
    return null;
  }

  /**
   * Whether the subject written in {@code entry} is {@code subject} (16 bytes of a UUID, or null
   * for none). Reads only the entry's head. An entry that cannot be read answers false.
   */
  static boolean hasSubject(byte[] entry, byte[] subject) {
    try {
      ByteBuffer in = ByteBuffer.wrap(entry);
      in.get();
      in.getLong();
      in.getLong();
      string(in);
      string(in);
      string(in);
      String written = string(in);
      if (subject == null) {
        return written == null;
      }
      ByteBuffer uuid = ByteBuffer.wrap(subject);
      return new java.util.UUID(uuid.getLong(), uuid.getLong()).toString().equals(written);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Reads an entry back; fails on anything that {@link #frame} would not have written. */
  static AuditEvent decode(byte[] entry) {
    try {
      ByteBuffer in = ByteBuffer.wrap(entry);
      if (in.get() != VERSION) {
        throw new IllegalArgumentException("not a version " + VERSION + " entry");
      }
      in.getLong();
      long micros = in.getLong();
      Instant at =
          Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L))
              .plusNanos(Math.floorMod(micros, 1_000_000L) * 1000L);
      AuditAction action = AuditAction.valueOf(string(in));
      AuditDecision decision = AuditDecision.valueOf(string(in));
      String actor = string(in);
      String subject = string(in);
      String organization = string(in);
      String purpose = string(in);
      String source = string(in);
      int count = in.getInt();
      if (count < 0 || count > AuditEvent.MAX_FIELDS) {
        throw new IllegalArgumentException("entry names " + count + " fields");
      }
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        fields.add(string(in));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("entry has trailing bytes");
      }
      return new AuditEvent(
          at, actor, action, subject, fields, purpose, decision, source, organization);
    } catch (BufferUnderflowException | NullPointerException e) {
      throw new IllegalArgumentException("entry is truncated or malformed", e);
    }
  }

  static long micros(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
  }

  private static String string(ByteBuffer in) {
    int length = in.getInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("entry has a string of " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static int encodedSize(List<byte[]> strings) {
    int size = 0;
    for (byte[] s : strings) {
      size += 4 + (s == null ? 0 : s.length);
    }
    return size;
  }

  private static void put(ByteBuffer out, byte[] s) {
    out.putInt(s == null ? -1 : s.length);
    if (s != null) {
      out.put(s);
    }
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }
}
