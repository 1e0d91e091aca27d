package fr.vigie.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code vigie bench read} end to end, small: two advisors signed in with password and TOTP, both
 * paths warmed up, then two rounds each. The figures themselves are not asserted (a test does not
 * time anything); what is: every read answered 200, each protected read left one audit entry, the
 * rounds alternate and add up, and the JSON line has the fields the issue names.
 */
class ReadBenchmarkIT {

  @Test
  void run_smallAgency_bothPathsReadWithoutErrorsAndEveryProtectedReadIsAudited() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ReadBenchmark.Result result;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      result = ReadBenchmark.run(800, 2, 2, 1, 2, 7, out);
    }
    String text = printed.toString(StandardCharsets.UTF_8);

    assertThat(result.protectedReads().errorCount()).isZero();
    assertThat(result.plainReads().errorCount()).isZero();
    assertThat(result.protectedReads().reads()).isPositive();
    assertThat(result.plainReads().reads()).isPositive();
    assertThat(result.protectedReads().seconds()).isEqualTo(2.0);
    // Reads that began inside a round but ended after it are counted, their entries may not be.
    assertThat(result.auditAppendsPerSecond() * result.protectedReads().seconds())
        .isBetween(
            result.protectedReads().reads() * 0.8, result.protectedReads().reads() * 1.2 + 4);
    assertThat(text).contains("round 1 of 2:", "round 2 of 2:").doesNotContain("round 3 of");
    assertThat(result.json())
        .contains(
            "\"protected_reads_per_s\":",
            "\"plain_reads_per_s\":",
            "\"ratio\":",
            "\"protected_p99_ms\":",
            "\"audit_appends_per_s\":",
            "\"cpu_ratio\":",
            "\"rounds\":2");
    // Both paths used the CPU of the JVM and, on Linux, of PostgreSQL.
    assertThat(result.protectedReads().jvmCpuMillisPerRead()).isPositive();
    assertThat(result.plainReads().jvmCpuMillisPerRead()).isPositive();
    if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self"))) {
      assertThat(result.protectedReads().postgresCpuMillisPerRead()).isPositive();
      assertThat(result.plainReads().postgresCpuMillisPerRead()).isPositive();
    }
  }

  @Test
  void run_roundsShorterThanASecond_refusedBeforeAnythingStarts() {
    assertThatThrownBy(() -> ReadBenchmark.run(800, 2, 3, 1, 4, 7, System.out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one second");
  }

  @Test
  void merge_roundsOfOnePath_addReadsTimeErrorsAndLatencies() {
    ReadBenchmark.Phase first =
        new ReadBenchmark.Phase(
            3, Map.of("HTTP 500", 1L), 1.5, new long[] {1, 5, 9}, new CpuTime.Sample(30, 6));
    ReadBenchmark.Phase second =
        new ReadBenchmark.Phase(
            2,
            Map.of("HTTP 500", 2L, "no answer", 1L),
            0.5,
            new long[] {2, 7},
            new CpuTime.Sample(20, -1));

    ReadBenchmark.Phase both = ReadBenchmark.Phase.merge(List.of(first, second));

    assertThat(both.reads()).isEqualTo(5);
    assertThat(both.seconds()).isEqualTo(2.0);
    assertThat(both.perSecond()).isEqualTo(2.5);
    assertThat(both.errors()).isEqualTo(Map.of("HTTP 500", 3L, "no answer", 1L));
    assertThat(both.sortedNanos()).containsExactly(1, 2, 5, 7, 9);
    assertThat(both.cpu()).isEqualTo(new CpuTime.Sample(50, -1));
    assertThat(both.jvmCpuMillisPerRead()).isEqualTo(50 / 1e6 / 5);
    assertThat(both.postgresCpuMillisPerRead()).as("one round's unknown").isNaN();
  }
}
