package fr.vigie.registry;

/**
 * Told of every import the registry runs, for the metrics: counts only, never a row. {@link
 * #started} is called as an import begins, and the progress it returns hears how it advances;
 * {@link #finished} gets the report, or null when the import failed.
 */
public interface ImportObserver {
  /** An import begins; the progress returned is told as it advances. */
  ImportProgress started();

  /** The import ended, with this report; null when it failed. */
  void finished(ImportReport report);

  /** Observes nothing. */
  ImportObserver NONE =
      new ImportObserver() {
        @Override
        public ImportProgress started() {
          return ImportProgress.NONE;
        }

        @Override
        public void finished(ImportReport report) {}
      };
}
