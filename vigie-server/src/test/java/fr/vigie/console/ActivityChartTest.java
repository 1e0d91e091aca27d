package fr.vigie.console;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.detection.Activity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ActivityChartTest {
  private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

  @Test
  void of_scalesTheBusiestHourToTheFullHeight_andCountsTheTotal() {
    List<Activity.Hour> hours =
        IntStream.range(0, 24)
            .mapToObj(
                h ->
                    new Activity.Hour(
                        START.plus(Duration.ofHours(h)), h == 5 ? 8 : h == 6 ? 2 : 0, 0, 0, 0))
            .toList();

    ActivityChart reads = ActivityChart.of(hours).getFirst();

    assertThat(reads.key()).isEqualTo("lectures");
    assertThat(reads.total()).isEqualTo(10);
    assertThat(reads.max()).isEqualTo(8);
    double plot = ActivityChart.HEIGHT - ActivityChart.BOTTOM - ActivityChart.TOP;
    assertThat(reads.bars().get(5).height()).isEqualTo(plot);
    assertThat(reads.bars().get(5).y()).isEqualTo(ActivityChart.TOP);
    assertThat(reads.bars().get(6).height()).isEqualTo(plot / 4);
    assertThat(reads.bars().get(0).height()).isZero();
    assertThat(reads.bars().get(0).hour()).isEqualTo("02/03 09h");
    assertThat(reads.ticks()).hasSize(4);
  }

  @Test
  void of_withNothingCounted_drawsNoBarAndNeverDividesByZero() {
    List<Activity.Hour> hours = List.of(new Activity.Hour(START, 0, 0, 0, 0));

    ActivityChart refusals = ActivityChart.of(hours).get(1);

    assertThat(refusals.key()).isEqualTo("refus");
    assertThat(refusals.total()).isZero();
    assertThat(refusals.bars().getFirst().height()).isZero();
    assertThat(refusals.bars().getFirst().x()).isGreaterThanOrEqualTo(ActivityChart.LEFT);
  }
}
