package fr.vigie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The organization file: any text is refused with {@code IMPORT_FILE_INVALID} naming its line (an
 * in-memory reader has no I/O to fail), or read; what is read writes and reads back to itself.
 */
public class OrganizationCsvFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void read_anyBytes_refusesOrRoundTrips(byte[] bytes) throws IOException {
    check(bytes);
  }

  /** The property, for this test and for {@link fr.vigie.AllParsersFuzzTest}. */
  public static void check(byte[] bytes) throws IOException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<Organizations.NewOrganization> organizations;
    try {
      organizations = OrganizationCsv.read(new StringReader(text));
    } catch (VigieException e) {
      assertThat(e.code()).isEqualTo(ProblemCode.IMPORT_FILE_INVALID);
      assertThat(e.getMessage()).startsWith("line ");
      return;
    }
    StringWriter out = new StringWriter();
    OrganizationCsv.write(out, organizations);
    assertThat(OrganizationCsv.read(new StringReader(out.toString()))).isEqualTo(organizations);
  }
}
