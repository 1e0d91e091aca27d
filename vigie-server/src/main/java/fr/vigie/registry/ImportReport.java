package fr.vigie.registry;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What an import did: counts only, no personal data.
 *
 * @param read data rows read
 * @param inserted persons added to the register
 * @param updated persons already there whose data changed
 * @param unchanged persons already there with the same data, left as they were
 * @param superseded rows replaced by a later row of the same file with the same identifier
 * @param rejected rows refused, each written to the reject file with its line and reason
 * @param rejectFile where the rejected rows are, or null when none was written
 * @param rejectReasons how many rows were rejected for each reason, most frequent first; the
 *     reasons name fields and rules, never values
 */
public record ImportReport(
    long read,
    long inserted,
    long updated,
    long unchanged,
    long superseded,
    long rejected,
    Path rejectFile,
    java.util.Map<String, Long> rejectReasons,
    Duration elapsed) {

  /** Rows stored or confirmed per second. */
  public double personsPerSecond() {
    double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
    return (inserted + updated + unchanged) / seconds;
  }
}
