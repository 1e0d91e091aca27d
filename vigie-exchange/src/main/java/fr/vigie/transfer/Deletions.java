package fr.vigie.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * Every deletion of a file of the exchange (a purge, a pickup confirmed by the subcontractor or by
 * the register) is logged before the file goes, together with an intent, in one statement; the
 * intent is removed once the file is gone. A kill in between leaves the intent, which is carried
 * out at the next start before the servers open (and before each purge run): a deletion logged is a
 * file gone, and a file gone was logged, exactly once.
 */
@Component
class Deletions {
  private final Folders folders;
  private final Operations operations;

  Deletions(Folders folders, Operations operations) {
    this.folders = folders;
    this.operations = operations;
    finishIntents(); // before the servers start: a deletion logged is a file gone
  }

  /**
   * Logs {@code kind} of {@code file} (as the account sees it) for {@code account}, then deletes
   * {@code path}, a path under the files' folder.
   */
  void delete(Path path, String account, OperationKind kind, String file, String source)
      throws IOException {
    String intent = folders.all().relativize(path.toAbsolutePath().normalize()).toString();
    operations.recordWithIntent(account, kind, file, source, intent);
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Not deleted after all: the log says so, and the intent must not delete a later namesake.
      operations.done(intent);
      operations.record(account, kind, file, null, source, "failed");
      throw e;
    }
    operations.done(intent);
  }

  /** Deletes the files whose deletion a killed process logged but may not have done. */
  synchronized void finishIntents() {
    Path all = folders.all();
    for (String intent : operations.intents()) {
      Path path = all.resolve(intent).normalize();
      try {
        if (path.startsWith(all)) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not finish a logged deletion", e);
      }
      operations.done(intent);
    }
  }
}
