package fr.vigie.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.registry.PersonCsv;
import fr.vigie.registry.PersonRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

class SyntheticAgencyDeterminismTest {
  private static final int PERSONS = 20_000;

  @Test
  void generate_sameSeedTwice_givesIdenticalCsvBytes() {
    byte[] first = csv(SyntheticAgency.generate(PERSONS, 42));
    byte[] second = csv(SyntheticAgency.generate(PERSONS, 42));

    assertThat(second).isEqualTo(first);
  }

  @Test
  void generate_sameSeedTwice_givesIdenticalOrganizationsAndAdvisors() {
    SyntheticAgency first = SyntheticAgency.generate(300_000, 42);
    SyntheticAgency second = SyntheticAgency.generate(300_000, 42);

    assertThat(second.organizations()).isEqualTo(first.organizations());
    assertThat(second.advisors()).isEqualTo(first.advisors());
  }

  @Test
  void generate_differentSeeds_giveDifferentPersons() {
    SyntheticAgency first = SyntheticAgency.generate(PERSONS, 42);
    SyntheticAgency second = SyntheticAgency.generate(PERSONS, 43);

    assertThat(csv(second)).isNotEqualTo(csv(first));
    long sameNir =
        java.util.stream.LongStream.range(0, PERSONS)
            .filter(i -> first.person(i).nir().equals(second.person(i).nir()))
            .count();
    assertThat(sameNir).isLessThan(PERSONS / 1000);
  }

  @Test
  void generate_laterReferenceDay_countsDatesBackFromIt() {
    LocalDate asOf = LocalDate.of(2030, 6, 30);
    SyntheticAgency earlier = SyntheticAgency.generate(1_000, 42);
    SyntheticAgency later = SyntheticAgency.generate(new AgencyShape(1_000, asOf), 42);

    LocalDate lastRegistration =
        later.persons().map(PersonRecord::registeredOn).max(LocalDate::compareTo).orElseThrow();
    assertThat(lastRegistration).isAfter(AgencyShape.DEFAULT_AS_OF).isBeforeOrEqualTo(asOf);
    assertThat(later.person(999).identifier()).isEqualTo(earlier.person(999).identifier());
  }

  @Test
  void generate_underAnotherDefaultLocale_givesIdenticalCsvBytes() {
    byte[] expected = csv(SyntheticAgency.generate(PERSONS, 42));
    Locale before = Locale.getDefault();
    byte[] underArabic;
    try {
      // Arabic-Indic digits and a comma as decimal separator in default-locale formatting.
      Locale.setDefault(Locale.forLanguageTag("ar-EG"));
      underArabic = csv(SyntheticAgency.generate(PERSONS, 42));
    } finally {
      Locale.setDefault(before);
    }

    assertThat(underArabic).isEqualTo(expected);
  }

  @Test
  void persons_inParallel_equalPersonsInOrder() {
    SyntheticAgency agency = SyntheticAgency.generate(PERSONS, 5);

    List<PersonRecord> parallel = agency.persons().parallel().toList();

    assertThat(parallel).isEqualTo(agency.persons().toList());
  }

  /**
   * The generator's output for one seed, recorded. Equal digests on another machine, JDK or default
   * locale mean the same bytes. A deliberate change to the generator changes them: then record the
   * new values here, and say so in the commit.
   */
  @Test
  void generate_recordedSeed_givesRecordedBytes() {
    SyntheticAgency agency = SyntheticAgency.generate(PERSONS, 2026);

    assertThat(sha256(csv(agency)))
        .isEqualTo("995be9fa41258f7fd1f658878d5a118d768fe5d6b929449bf20259772190406b");
    assertThat(sha256(layout(SyntheticAgency.generate(1_000_000, 2026))))
        .isEqualTo("8d7cf671a6e815f22479f4f24c6c578abc03f1890039f10c2562e781e2cd36b5");
  }

  static byte[] csv(SyntheticAgency agency) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
        CSVPrinter printer = PersonCsv.printer(writer)) {
      agency.persons().forEachOrdered(person -> PersonCsv.write(printer, person));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] layout(SyntheticAgency agency) {
    // Fields spelled out: the format of a record's toString() is unspecified.
    StringBuilder text = new StringBuilder();
    for (SyntheticOrganization o : agency.organizations()) {
      text.append(String.join(",", o.code(), o.kind().name(), o.name()));
      text.append(',').append(o.firstPerson()).append(',').append(o.persons()).append('\n');
    }
    for (SyntheticAdvisor a : agency.advisors()) {
      text.append(String.join(",", a.login(), a.organization(), a.caseload().name()));
      text.append(',').append(a.firstPerson()).append(',').append(a.caseloadSize()).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
