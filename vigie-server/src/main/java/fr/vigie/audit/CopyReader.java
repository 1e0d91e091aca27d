package fr.vigie.audit;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads PostgreSQL's binary COPY format, one row at a time, bounding every field: the rows come
 * from a database that the verifier does not trust.
 */
final class CopyReader {
  private final DataInputStream in;
  private final int columns;

  CopyReader(InputStream in, int columns) throws IOException {
    this.in = new DataInputStream(in);
    this.columns = columns;
    byte[] signature = new byte[EntryCopy.SIGNATURE.length];
    this.in.readFully(signature);
    if (!Arrays.equals(signature, EntryCopy.SIGNATURE)) {
      throw new IOException("not a binary COPY stream");
    }
    this.in.readInt(); // flags
    this.in.skipNBytes(this.in.readInt()); // header extension
  }

  /** Moves to the next row; false at the end of the stream. */
  boolean next() throws IOException {
    short count = in.readShort();
    if (count == -1) {
      return false;
    }
    if (count != columns) {
      throw new IOException("a row has " + count + " columns, expected " + columns);
    }
    return true;
  }

  long int8() throws IOException {
    if (in.readInt() != 8) {
      throw new IOException("an 8-byte column has another length");
    }
    return in.readLong();
  }

  /** A bytea column of at most {@code maxBytes}; null for SQL null. */
  byte[] bytea(int maxBytes) throws IOException {
    int length = in.readInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > maxBytes) {
      throw new IOException("a column of " + length + " bytes, more than " + maxBytes);
    }
    byte[] value = new byte[length];
    in.readFully(value);
    return value;
  }
}
