package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** The organization file format: CSV with the header {@code code,kind,name}. */
public final class OrganizationCsv {
  private static final List<String> COLUMNS = List.of("code", "kind", "name");
  private static final String HEADER = "line 1: the header must be exactly: code,kind,name";
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setRecordSeparator('\n').setTrim(true).get();

  private OrganizationCsv() {}

  public static void write(Writer out, List<Organizations.NewOrganization> organizations) {
    try (CSVPrinter printer =
        new CSVPrinter(out, FORMAT.builder().setHeader(COLUMNS.toArray(String[]::new)).get())) {
      for (Organizations.NewOrganization o : organizations) {
        printer.printRecord(o.code(), o.kind().name(), o.name());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads every row; the first bad one fails the whole file, naming its line. Malformed CSV is
   * refused the same way, never with commons-csv's own exceptions, whose messages can list a row.
   */
  public static List<Organizations.NewOrganization> read(Reader in) throws IOException {
    CSVParser parser;
    try {
      parser = FORMAT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
    } catch (IllegalArgumentException | UncheckedIOException | CSVException e) {
      throw invalid(HEADER);
    }
    try (parser) {
      if (!parser.getHeaderNames().equals(COLUMNS)) {
        throw invalid(HEADER);
      }
      List<Organizations.NewOrganization> organizations = new ArrayList<>();
      Iterator<CSVRecord> rows = parser.iterator();
      while (true) {
        CSVRecord row;
        try {
          if (!rows.hasNext()) {
            return organizations;
          }
          row = rows.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          throw invalid(
              "line " + (parser.getCurrentLineNumber() + 1) + ": malformed CSV (a broken quote?)");
        }
        organizations.add(organization(row));
      }
    }
  }

  private static Organizations.NewOrganization organization(CSVRecord row) {
    long line = row.getRecordNumber() + 1;
    if (row.size() != COLUMNS.size() || row.get(0).isEmpty() || row.get(2).isEmpty()) {
      throw invalid("line " + line + ": expected a code, a kind and a name");
    }
    OrganizationKind kind;
    try {
      kind = OrganizationKind.valueOf(row.get(1));
    } catch (IllegalArgumentException e) {
      throw invalid("line " + line + ": kind must be one of " + List.of(OrganizationKind.values()));
    }
    return new Organizations.NewOrganization(row.get(0), kind, row.get(2));
  }

  private static VigieException invalid(String detail) {
    return new VigieException(ProblemCode.IMPORT_FILE_INVALID, detail);
  }
}
