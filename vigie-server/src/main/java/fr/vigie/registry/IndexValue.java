package fr.vigie.registry;

import java.util.Arrays;
import java.util.HexFormat;

/** A blind index value, comparable by content so that it can key a map. */
record IndexValue(byte[] bytes) {

  @Override
  public boolean equals(Object other) {
    return other instanceof IndexValue that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    // A keyed PRF value reveals nothing; a short prefix helps debugging.
    return "IndexValue[" + HexFormat.of().formatHex(bytes, 0, Math.min(4, bytes.length)) + "…]";
  }
}
