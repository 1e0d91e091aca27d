package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * SQL text with {@code ?} placeholders and the values to bind to them in order (UUIDs, and the
 * blind index bytes of a search). {@code toString} shows no value.
 */
public record BoundSql(String sql, List<Object> parameters) {
  public BoundSql {
    requireNonNull(sql, "sql is null");
    parameters = List.copyOf(parameters);
    long placeholders = sql.chars().filter(c -> c == '?').count();
    if (placeholders != parameters.size()) {
      throw new IllegalArgumentException(
          placeholders + " placeholders for " + parameters.size() + " values");
    }
  }

  @Override
  public String toString() {
    return "BoundSql[" + sql + ", " + parameters.size() + " values]";
  }
}
