package fr.vigie.registry;

/** Told how a long import advances; called from one thread at a time. */
public interface ImportProgress {
  /**
   * @param persons rows handled so far (stored, unchanged or rejected)
   * @param done work done so far, in the unit of {@code total} (bytes of the file, or rows)
   * @param total the whole work, or -1 when unknown
   */
  void advanced(long persons, long done, long total);

  ImportProgress NONE = (persons, done, total) -> {};
}
