package fr.vigie.detection;

import fr.vigie.registry.PersonId;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * The persons an account has read before, as far back as a few thousand of them: the owner's work
 * goes back to the same caseload week after week, a thief goes through persons the account never
 * read. Each person is kept as a 32-bit fingerprint of its pseudonymous id (a chance of about one
 * in two million that a person never read passes for one read, at full memory), in two generations
 * of at most {@link #GENERATION} each: when the newer one fills, the older one is forgotten, and a
 * person read again from the older one moves to the newer. So the persons read in the last {@code
 * GENERATION} distinct reads are always remembered, up to twice as many often. About 16 KiB at most
 * an account; nothing that names a person without the register and its keys.
 */
final class ReadBefore {
  /** Persons a generation holds: more than the largest caseload (about 1,200). */
  static final int GENERATION = 2048;

  private static final int FIRST_TABLE = 64;

  private Generation newer = new Generation();
  private Generation older = new Generation();

  /** Remembers {@code person}; true when it was not remembered before (a person never read). */
  boolean add(PersonId person) {
    return addFingerprint(fingerprint(person));
  }

  /** True when {@code person} is remembered. */
  boolean contains(PersonId person) {
    int f = fingerprint(person);
    return newer.contains(f) || older.contains(f);
  }

  /** Persons remembered (both generations). */
  int size() {
    return newer.size + older.size;
  }

  private boolean addFingerprint(int f) {
    if (newer.contains(f)) {
      return false;
    }
    boolean known = older.contains(f);
    if (newer.size >= GENERATION) {
      older = newer;
      newer = new Generation();
    }
    newer.add(f);
    return !known;
  }

  /** The fingerprints, the older generation first, as Base64 of big-endian ints. */
  String write() {
    ByteBuffer bytes = ByteBuffer.allocate(4 * size());
    older.forEach(bytes::putInt);
    newer.forEach(bytes::putInt);
    return Base64.getEncoder().encodeToString(bytes.array());
  }

  /** The persons of {@link #write}'s text; a malformed text is refused whole. */
  static ReadBefore read(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("account memory: read_before is not Base64");
    }
    if (bytes.length % 4 != 0 || bytes.length / 4 > 2 * GENERATION) {
      throw new IllegalArgumentException("account memory: read_before has a bad length");
    }
    ReadBefore read = new ReadBefore();
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      int f = buffer.getInt();
      read.addFingerprint(f == 0 ? 1 : f);
    }
    return read;
  }

  /**
   * A 32-bit mix of the whole id (its first bits are a time, shared by persons created together).
   */
  static int fingerprint(PersonId person) {
    UUID id = person.value();
    long h = mix(id.getMostSignificantBits() ^ mix(id.getLeastSignificantBits()));
    int f = (int) (h ^ (h >>> 32));
    return f == 0 ? 1 : f;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** An open-addressing set of non-zero ints, grown by doubling; no removal. */
  private static final class Generation {
    private int[] table = new int[FIRST_TABLE];
    private int size;

    boolean contains(int f) {
      int mask = table.length - 1;
      for (int i = f & mask; ; i = (i + 1) & mask) {
        if (table[i] == 0) {
          return false;
        }
        if (table[i] == f) {
          return true;
        }
      }
    }

    void add(int f) {
      if (2 * (size + 1) > table.length) {
        int[] old = table;
        table = new int[2 * old.length];
        size = 0;
        for (int g : old) {
          if (g != 0) {
            insert(g);
          }
        }
      }
      insert(f);
    }

    private void insert(int f) {
      int mask = table.length - 1;
      int i = f & mask;
      while (table[i] != 0) {
        if (table[i] == f) {
          return;
        }
        i = (i + 1) & mask;
      }
      table[i] = f;
      size++;
    }

    void forEach(java.util.function.IntConsumer each) {
      Arrays.stream(table).filter(f -> f != 0).forEach(each);
    }
  }
}
