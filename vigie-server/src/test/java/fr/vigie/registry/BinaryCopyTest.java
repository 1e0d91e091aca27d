package fr.vigie.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Expected bytes follow "COPY ... Binary Format" in the PostgreSQL manual, written as hex. */
class BinaryCopyTest {
  /** "PGCOPY\n\377\r\n\0", then the flags and the header extension length, both 0. */
  private static final String HEADER = "5047434f50590aff0d0a00" + "00000000" + "00000000";

  private static final String TRAILER = "ffff";
  private static final String NULL = "ffffffff";

  @Test
  void finish_noRows_isHeaderAndTrailer() {
    assertThat(hex(new BinaryCopy(0).finish())).isEqualTo(HEADER + TRAILER);
  }

  @Test
  void startRow_writesColumnCountAsInt16() {
    BinaryCopy copy = new BinaryCopy(0);
    copy.startRow(3);

    assertThat(hex(copy.finish())).isEqualTo(HEADER + "0003" + TRAILER);
  }

  @Test
  void row_withNullText_writesLengthMinusOneAndNoBytes() {
    BinaryCopy copy = new BinaryCopy(0);
    copy.startRow(2);
    copy.text(null);
    copy.text("é");

    assertThat(hex(copy.finish()))
        .isEqualTo(HEADER + "0002" + NULL + "00000002" + "c3a9" + TRAILER);
  }

  @Test
  void row_withNullOfEachNullableType_writesLengthMinusOne() {
    BinaryCopy copy = new BinaryCopy(0);
    copy.startRow(3);
    copy.uuid(null);
    copy.bytea(null);
    copy.date(null);

    assertThat(hex(copy.finish())).isEqualTo(HEADER + "0003" + NULL + NULL + NULL + TRAILER);
  }

  @Test
  void date_postgresEpoch_isDayZero() {
    assertThat(dateField(LocalDate.of(2000, 1, 1))).isEqualTo("00000004" + "00000000");
  }

  @Test
  void date_dayBeforeEpoch_isMinusOne() {
    assertThat(dateField(LocalDate.of(1999, 12, 31))).isEqualTo("00000004" + "ffffffff");
  }

  @Test
  void date_yearAfterEpoch_counts366DaysOfLeapYear2000() {
    assertThat(dateField(LocalDate.of(2001, 1, 1))).isEqualTo("00000004" + "0000016e");
  }

  @Test
  void uuid_writesSixteenBytesMostSignificantFirst() {
    BinaryCopy copy = new BinaryCopy(0);
    copy.startRow(1);
    copy.uuid(UUID.fromString("01234567-89ab-7cde-8f01-23456789abcd"));

    assertThat(hex(copy.finish()))
        .isEqualTo(HEADER + "0001" + "00000010" + "0123456789ab7cde8f0123456789abcd" + TRAILER);
  }

  @Test
  void bigint_writesEightBytesBigEndian() {
    BinaryCopy copy = new BinaryCopy(0);
    copy.startRow(1);
    copy.bigint(-2);

    assertThat(hex(copy.finish()))
        .isEqualTo(HEADER + "0001" + "00000008" + "fffffffffffffffe" + TRAILER);
  }

  @Test
  void bytea_largerThanInitialBuffer_isWrittenWhole() {
    byte[] value = new byte[1000];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) i;
    }
    BinaryCopy copy = new BinaryCopy(0);
    copy.startRow(1);
    copy.bytea(value);

    assertThat(hex(copy.finish())).isEqualTo(HEADER + "0001" + "000003e8" + hex(value) + TRAILER);
  }

  private static String dateField(LocalDate date) {
    BinaryCopy copy = new BinaryCopy(0);
    copy.startRow(1);
    copy.date(date);
    String stream = hex(copy.finish());
    String prefix = HEADER + "0001";
    assertThat(stream).startsWith(prefix).endsWith(TRAILER);
    return stream.substring(prefix.length(), stream.length() - TRAILER.length());
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
