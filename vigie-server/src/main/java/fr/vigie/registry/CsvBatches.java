package fr.vigie.registry;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an import file as batches of rows, streaming: the file is never held in memory. A row's
 * line is its number counting the header as line 1.
 */
final class CsvBatches implements Iterator<PersonImport.Batch>, AutoCloseable {
  private final CountingStream bytes;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final int batchSize;

  CsvBatches(Path file, int batchSize) throws IOException {
    this(Files.newInputStream(file), batchSize);
  }

  CsvBatches(InputStream in, int batchSize) throws IOException {
    this.batchSize = batchSize;
    this.bytes = new CountingStream(in);
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8), 1 << 16);
    this.parser = header(reader);
    PersonCsv.checkHeader(parser.getHeaderNames());
    this.records = parser.iterator();
  }

  /**
   * Reads the header row. commons-csv refuses some (an empty or repeated name, a broken quote) with
   * a message that lists the whole row: in a file without a header row, that is a person. The
   * refusal here names the rule instead, and keeps no cause that would carry the row.
   */
  private static CSVParser header(BufferedReader reader) throws IOException {
    try {
      return PersonCsv.FORMAT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
    } catch (IllegalArgumentException | UncheckedIOException | CSVException e) {
      reader.close();
      throw new VigieException(
          ProblemCode.IMPORT_FILE_INVALID,
          "line 1: the header must be exactly: " + String.join(",", PersonCsv.COLUMNS));
    }
  }

  @Override
  public boolean hasNext() {
    try {
      return records.hasNext();
    } catch (UncheckedIOException | IllegalStateException e) {
      throw malformed();
    }
  }

  @Override
  public PersonImport.Batch next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    List<PersonImport.Candidate> rows = new ArrayList<>(batchSize);
    try {
      while (rows.size() < batchSize && records.hasNext()) {
        CSVRecord record = records.next();
        rows.add(new PersonImport.CsvRow(record.getRecordNumber() + 1, record));
      }
    } catch (UncheckedIOException | IllegalStateException e) {
      if (rows.isEmpty()) {
        throw malformed();
      }
      // Hand over the good rows; the next call reports the malformed one.
    }
    return new PersonImport.Batch(rows, bytes.count());
  }

  private VigieException malformed() {
    return new VigieException(
        ProblemCode.IMPORT_FILE_INVALID,
        "line "
            + (parser.getCurrentLineNumber() + 1)
            + ": malformed CSV (an unterminated quote?); rows before it were imported");
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  /** Counts the bytes read, for progress against the file's size. */
  private static final class CountingStream extends FilterInputStream {
    private volatile long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    long count() {
      return count;
    }
  }
}
