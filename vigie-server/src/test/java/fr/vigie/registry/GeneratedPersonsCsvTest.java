package fr.vigie.registry;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.simulation.SyntheticAgency;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Iterator;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The synthetic agency writes only what the import accepts, and the import reads it back. */
class GeneratedPersonsCsvTest {

  @Test
  void parse_everyGeneratedRow_isAcceptedAndEqualsTheGeneratedPerson() throws IOException {
    SyntheticAgency agency = SyntheticAgency.generate(100_000, 17);
    StringWriter text = new StringWriter();
    try (CSVPrinter printer = PersonCsv.printer(text)) {
      agency.persons().forEachOrdered(person -> PersonCsv.write(printer, person));
    }

    try (CSVParser parser =
        PersonCsv.FORMAT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(text.toString()))) {
      PersonCsv.checkHeader(parser.getHeaderNames());
      Iterator<CSVRecord> rows = parser.iterator();
      for (long i = 0; i < agency.personCount(); i++) {
        assertThat(rows.hasNext()).isTrue();
        assertThat(PersonCsv.parse(rows.next())).isEqualTo(agency.person(i));
      }
      assertThat(rows.hasNext()).isFalse();
    }
  }
}
