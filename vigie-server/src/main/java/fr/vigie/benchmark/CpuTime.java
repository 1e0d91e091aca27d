package fr.vigie.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * The CPU time this JVM and the benchmark's PostgreSQL (its postmaster and every process it
 * started) have used so far: what one read costs on the machine whatever else runs on it, where a
 * rate measures the share of the cores the benchmark got. PostgreSQL's is read from {@code /proc}
 * (Linux, in ticks of 10 ms), its exited backends' included; elsewhere it is unknown, and reported
 * as such.
 */
final class CpuTime {
  /** Linux's USER_HZ, the unit of {@code /proc/PID/stat}'s times, on every mainstream kernel. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private final long postmaster;

  private CpuTime(long postmaster) {
    this.postmaster = postmaster;
  }

  /** A meter of this JVM and the PostgreSQL behind {@code connection}. */
  static CpuTime of(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select pg_backend_pid()")) {
      row.next();
      return new CpuTime(parentOf(row.getLong(1)));
    }
  }

  /** CPU nanoseconds used so far. */
  record Sample(long jvm, long postgres) {
    Sample minus(Sample earlier) {
      return new Sample(
          jvm - earlier.jvm,
          postgres < 0 || earlier.postgres < 0 ? -1 : postgres - earlier.postgres);
    }

    Sample plus(Sample other) {
      return new Sample(
          jvm + other.jvm, postgres < 0 || other.postgres < 0 ? -1 : postgres + other.postgres);
    }
  }

  static final Sample ZERO = new Sample(0, 0);

  Sample now() {
    long jvm =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    return new Sample(jvm, postmaster < 0 ? -1 : postgres());
  }

  private long postgres() {
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      return processes
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .mapToLong(
              p -> {
                long[] stat = stat(p);
                if (stat == null) {
                  return 0;
                }
                // The postmaster's own, and those of its children that exited (a closed
                // connection's backend); the running children's their own.
                return stat[0] == postmaster
                    ? (stat[2] + stat[3]) * NANOS_PER_TICK
                    : stat[1] == postmaster ? stat[2] * NANOS_PER_TICK : 0;
              })
          .sum();
    } catch (IOException e) {
      return -1;
    }
  }

  private static long parentOf(long pid) {
    long[] stat = stat(Path.of("/proc", Long.toString(pid)));
    return stat == null ? -1 : stat[1];
  }

  /**
   * The pid, parent pid, user plus system ticks of a process and those of its children it waited
   * for, or null if it is gone.
   */
  private static long[] stat(Path process) {
    try {
      String line = Files.readString(process.resolve("stat"));
      // The command name, in parentheses, may hold spaces: the fields are counted after it.
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      long pid = Long.parseLong(line.substring(0, line.indexOf(' ')));
      return new long[] {
        pid,
        Long.parseLong(fields[1]),
        Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
        Long.parseLong(fields[13]) + Long.parseLong(fields[14])
      };
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
