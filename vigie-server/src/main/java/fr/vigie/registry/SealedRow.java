package fr.vigie.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A person's row as stored, nothing readable in it: the wrapped data key and the fields'
 * ciphertexts. The read path selects it in the same query as the facts its policy decides on, so
 * that one read costs one round trip fewer; only {@link Registry#decryptForReadPath} opens it,
 * after the policy and the ceilings.
 */
public final class SealedRow {
  private static final List<PersonField> FIELDS = List.of(PersonField.values());

  private final byte[] wrappedKey;
  private final EnumMap<PersonField, byte[]> ciphertexts;
  private final boolean erased;

  private SealedRow(byte[] wrappedKey, EnumMap<PersonField, byte[]> ciphertexts, boolean erased) {
    this.wrappedKey = wrappedKey;
    this.ciphertexts = ciphertexts;
    this.erased = erased;
  }

  /**
   * The select list of a sealed row of the {@code person} table named {@code alias}: as many
   * columns as {@link #COLUMN_COUNT}, in the order {@link #read} expects.
   */
  public static String columns(String alias) {
    return alias
        + ".wrapped_key, "
        + alias
        + ".erased_at is not null, "
        + FIELDS.stream().map(f -> alias + "." + f.column()).collect(Collectors.joining(", "));
  }

  /** How many columns {@link #columns} selects. */
  public static final int COLUMN_COUNT = 2 + FIELDS.size();

  /** The sealed row whose {@link #columns} begin at column {@code first} of {@code row}. */
  public static SealedRow read(ResultSet row, int first) throws SQLException {
    boolean erased = row.getBoolean(first + 1);
    EnumMap<PersonField, byte[]> ciphertexts = new EnumMap<>(PersonField.class);
    if (!erased) {
      for (int i = 0; i < FIELDS.size(); i++) {
        ciphertexts.put(FIELDS.get(i), row.getBytes(first + 2 + i));
      }
    }
    return new SealedRow(row.getBytes(first), ciphertexts, erased);
  }

  /** Whether the person was erased: nothing is left to open. */
  public boolean erased() {
    return erased;
  }

  byte[] wrappedKey() {
    return wrappedKey;
  }

  /** The ciphertexts of {@code fields} only: what is not asked for is not opened. */
  EnumMap<PersonField, byte[]> ciphertexts(Set<PersonField> fields) {
    EnumMap<PersonField, byte[]> wanted = new EnumMap<>(PersonField.class);
    for (PersonField field : fields) {
      if (ciphertexts.containsKey(field)) {
        wanted.put(field, ciphertexts.get(field));
      }
    }
    return wanted;
  }

  @Override
  public String toString() {
    return erased ? "SealedRow[erased]" : "SealedRow[" + ciphertexts.size() + " ciphertexts]";
  }
}
