package fr.vigie.access;

import java.util.List;

/**
 * One page of a caseload, newest first; {@code more} says whether a next page (at {@code offset +
 * entries.size()}) has any entry.
 */
public record CaseloadPage(Basis basis, List<CaseloadEntry> entries, int offset, boolean more) {
  /** The most entries one page carries. */
  public static final int MAX_LIMIT = 500;

  /** The highest offset a page may start at: well above any caseload. */
  public static final int MAX_OFFSET = 100_000;

  public CaseloadPage {
    entries = List.copyOf(entries);
  }
}
