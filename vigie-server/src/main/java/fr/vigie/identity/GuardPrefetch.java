package fr.vigie.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What another feature asks the guard to load in its own query of the account, for the request at
 * hand: one round trip carries the account's state and, say, the person a read is about. The guard
 * still decides on the account alone; the loaded columns are handed back only for a request it let
 * through, and forgotten when the request ends.
 */
public interface GuardPrefetch {
  /**
   * What to load with the account for {@code request}, whose session signed in as {@code session}
   * (its role and organization as they were then); empty for nothing.
   */
  Optional<Plan> plan(HttpServletRequest request, StaffPrincipal session);

  /** Forgets what was loaded for the request that ends on this thread. */
  void clear();

  /**
   * Columns selected beside the account's, with their parameters, a join that may bring one more
   * table (its parameters after), and what reads them from the row, starting at column {@code
   * first}.
   *
   * @param columns select-list text, starting with its first column (no leading comma)
   * @param width how many columns {@code columns} selects
   * @param join text such as {@code left join person p on p.id = ?}
   */
  record Plan(
      String columns,
      int width,
      List<Object> columnParameters,
      String join,
      List<Object> joinParameters,
      Reader reader) {
    public Plan {
      columnParameters = List.copyOf(columnParameters);
      joinParameters = List.copyOf(joinParameters);
    }

    /** This plan and {@code other} in one query: its columns after these, its join after this. */
    public Plan and(Plan other) {
      List<Object> columnsBoth = new java.util.ArrayList<>(columnParameters);
      columnsBoth.addAll(other.columnParameters);
      List<Object> joinsBoth = new java.util.ArrayList<>(joinParameters);
      joinsBoth.addAll(other.joinParameters);
      return new Plan(
          columns + ", " + other.columns,
          width + other.width,
          columnsBoth,
          join + " " + other.join,
          joinsBoth,
          (row, first) -> {
            reader.read(row, first);
            other.reader.read(row, first + width);
          });
    }
  }

  /** Reads the prefetched columns of the account's row. */
  @FunctionalInterface
  interface Reader {
    void read(ResultSet row, int first) throws SQLException;
  }

  /** Nothing to load, ever. */
  GuardPrefetch NONE =
      new GuardPrefetch() {
        @Override
        public Optional<Plan> plan(HttpServletRequest request, StaffPrincipal session) {
          return Optional.empty();
        }

        @Override
        public void clear() {}
      };
}
