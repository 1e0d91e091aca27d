package fr.vigie.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.transfer.ByteRange.Request;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void parse_ofOneRange_givesThatPart_cutToTheFile() {
    assertThat(ByteRange.parse("bytes=10-19", 100)).isEqualTo(part(10, 19));
    assertThat(ByteRange.parse("bytes=90-", 100)).isEqualTo(part(90, 99));
    assertThat(ByteRange.parse("bytes=90-500", 100)).isEqualTo(part(90, 99));
    assertThat(ByteRange.parse("bytes=-30", 100)).isEqualTo(part(70, 99));
    assertThat(ByteRange.parse("bytes=-300", 100)).isEqualTo(part(0, 99));
  }

  @Test
  void parse_pastTheEnd_isUnsatisfiable_andAnythingElseIsTheWholeFile() {
    assertThat(ByteRange.parse("bytes=100-", 100)).isInstanceOf(Request.Unsatisfiable.class);
    assertThat(ByteRange.parse("bytes=-0", 100)).isInstanceOf(Request.Unsatisfiable.class);
    assertThat(ByteRange.parse("bytes=99999999999999999999-", 100))
        .isInstanceOf(Request.Whole.class);
    assertThat(ByteRange.parse(null, 100)).isInstanceOf(Request.Whole.class);
    assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isInstanceOf(Request.Whole.class);
    assertThat(ByteRange.parse("bytes=20-10", 100)).isInstanceOf(Request.Whole.class);
    assertThat(ByteRange.parse("items=0-1", 100)).isInstanceOf(Request.Whole.class);
    assertThat(ByteRange.parse("bytes=-", 100)).isInstanceOf(Request.Whole.class);
  }

  private static Request part(long first, long last) {
    return new Request.Part(new ByteRange(first, last));
  }
}
