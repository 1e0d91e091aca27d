package fr.vigie.registry;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rows an import refused: {@code line,reason} then the row's own columns, so that the file can
 * be corrected and imported again. It holds personal data like the input, so it is owner-only. It
 * is created on the first rejected row and replaced by each run. Without a path, rejects are only
 * counted.
 */
final class RejectFile implements AutoCloseable {
  private final Path path;
  private CSVPrinter printer;
  private long count;
  private final java.util.Map<String, Long> reasons = new java.util.HashMap<>();

  RejectFile(Path path) {
    this.path = path;
  }

  void reject(long line, String reason, List<String> row) {
    count++;
    reasons.merge(reason, 1L, Long::sum);
    if (path == null) {
      return;
    }
    try {
      if (printer == null) {
        open();
      }
      printer.print(line);
      printer.print(reason);
      for (String value : row) {
        printer.print(value);
      }
      printer.println();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the reject file", e);
    }
  }

  /** Counts by reason, most frequent first. */
  java.util.Map<String, Long> reasons() {
    java.util.Map<String, Long> sorted = new java.util.LinkedHashMap<>();
    reasons.entrySet().stream()
        .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  long count() {
    return count;
  }

  /** The file, or null when nothing was rejected. */
  Path pathIfWritten() {
    return printer == null ? null : path;
  }

  private void open() throws IOException {
    Files.deleteIfExists(path);
    Files.createFile(
        path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    BufferedWriter out =
        Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
    printer = new CSVPrinter(out, PersonCsv.FORMAT);
    printer.print("line");
    printer.print("reason");
    for (String column : PersonCsv.COLUMNS) {
      printer.print(column);
    }
    printer.println();
  }

  @Override
  public void close() {
    if (printer != null) {
      try {
        printer.close(true);
      } catch (IOException e) {
        throw new UncheckedIOException("could not close the reject file", e);
      }
    }
  }
}
