package fr.vigie.registry;

import java.nio.file.Path;

/**
 * How to run an import.
 *
 * @param rejectFile where refused rows go; null for {@code FILE.rejects.csv} beside the input
 * @param batchSize rows per transaction
 * @param workers threads that validate and encrypt
 */
public record ImportOptions(Path rejectFile, int batchSize, int workers) {

  public ImportOptions {
    if (batchSize < 1 || batchSize > 100_000) {
      throw new IllegalArgumentException("batch size must be between 1 and 100000");
    }
    if (workers < 1 || workers > 64) {
      throw new IllegalArgumentException("workers must be between 1 and 64");
    }
  }

  public static ImportOptions defaults() {
    return new ImportOptions(null, 2_000, Runtime.getRuntime().availableProcessors());
  }

  public ImportOptions withRejectFile(Path file) {
    return new ImportOptions(file, batchSize, workers);
  }
}
