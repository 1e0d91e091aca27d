package fr.vigie.simulation;

import fr.vigie.runtime.ThrowAwayVigie;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.springframework.boot.WebApplicationType;

/**
 * The smaller run through the whole server: the same agencies, advisors and attacks as the
 * evaluation in memory, carried out over HTTP against a throw-away Vigie on PostgreSQL (sign-in,
 * sessions, guard, policy, ceilings, decryption, audit log, detectors behind the bus) whose clock
 * is the simulation's; then the same settings in memory, so that the two can be compared figure by
 * figure. One agency at a time: the server has one clock.
 */
public final class ServerEvaluation {
  private ServerEvaluation() {}

  /** Both runs of the same settings. */
  public record Comparison(
      EvaluationResult throughServer, EvaluationResult inMemory, long requests, double seconds) {
    /** One line per scenario and one for the clean advisors: server against memory. */
    public String table() {
      StringBuilder table = new StringBuilder();
      table.append(
          String.format(
              Locale.ROOT,
              "%-24s %22s %22s %16s  %s%n",
              "through the server | in memory",
              "leaked median/p95/max",
              "contained (p95)",
              "refused",
              "ceilings met"));
      for (int i = 0; i < throughServer.scenarios().size(); i++) {
        EvaluationResult.ScenarioStats server = throughServer.scenarios().get(i);
        EvaluationResult.ScenarioStats memory = inMemory.scenarios().get(i);
        table.append(
            String.format(
                Locale.ROOT,
                "%-24s %10s | %-10s %10s | %-10s %7d | %-7d  %s | %s%n",
                server.name(),
                leaked(server),
                leaked(memory),
                EvaluationReport.seconds(server.containSecondsP95()),
                EvaluationReport.seconds(memory.containSecondsP95()),
                server.refusals(),
                memory.refusals(),
                String.join(",", server.ceilings()),
                String.join(",", memory.ceilings())));
      }
      table.append(
          String.format(
              Locale.ROOT,
              "clean advisor-days %,d | %,d; wrongful suspensions %d | %d; step-ups %d | %d;"
                  + " ceiling refusals %d | %d%n",
              throughServer.advisorDays(),
              inMemory.advisorDays(),
              throughServer.falseSuspensions(),
              inMemory.falseSuspensions(),
              throughServer.stepUps(),
              inMemory.stepUps(),
              throughServer.refusals(),
              inMemory.refusals()));
      return table.toString();
    }

    /** True when every figure of the server's run is the in-memory run's. */
    public boolean agree() {
      return differences().isEmpty();
    }

    /** What differs between the two runs, one line each; empty when they agree. */
    public List<String> differences() {
      List<String> differences = new java.util.ArrayList<>();
      for (int i = 0; i < throughServer.scenarios().size(); i++) {
        EvaluationResult.ScenarioStats server = throughServer.scenarios().get(i);
        EvaluationResult.ScenarioStats memory = inMemory.scenarios().get(i);
        if (!same(server, memory)) {
          differences.add("server " + server + " / memory " + memory);
        }
      }
      if (throughServer.advisorDays() != inMemory.advisorDays()
          || throughServer.falseSuspensions() != inMemory.falseSuspensions()
          || throughServer.stepUps() != inMemory.stepUps()
          || throughServer.refusals() != inMemory.refusals()) {
        differences.add(
            "clean run: server " + counts(throughServer) + " / memory " + counts(inMemory));
      }
      return differences;
    }

    /**
     * Every figure the same, the times to containment within a second: the server may see a
     * containment one request later than memory does, a few milliseconds of simulated time after.
     */
    static boolean same(
        EvaluationResult.ScenarioStats server, EvaluationResult.ScenarioStats memory) {
      return server.name().equals(memory.name())
          && server.leakedMedian() == memory.leakedMedian()
          && server.leakedP95() == memory.leakedP95()
          && server.leakedMax() == memory.leakedMax()
          && server.containedShare() == memory.containedShare()
          && withinASecond(server.containSecondsMedian(), memory.containSecondsMedian())
          && withinASecond(server.containSecondsP95(), memory.containSecondsP95())
          && server.capLeakedMedian() == memory.capLeakedMedian()
          && server.capLeakedP95() == memory.capLeakedP95()
          && server.capLeakedMax() == memory.capLeakedMax()
          && server.refusals() == memory.refusals()
          && server.ceilings().equals(memory.ceilings());
    }

    /** Never contained on both sides is the same: infinity minus infinity is no number. */
    private static boolean withinASecond(double server, double memory) {
      return server == memory || Math.abs(server - memory) < 1;
    }

    private static String counts(EvaluationResult result) {
      return result.advisorDays()
          + " advisor-days, "
          + result.falseSuspensions()
          + " suspensions, "
          + result.stepUps()
          + " step-ups, "
          + result.refusals()
          + " refusals";
    }

    public String json() {
      return String.format(
          Locale.ROOT,
          "{\"through_server\":%s,\"in_memory\":%s,\"agree\":%b,\"requests\":%d,\"seconds\":%.1f}",
          throughServer.json(),
          inMemory.json(),
          agree(),
          requests,
          seconds);
    }

    private static String leaked(EvaluationResult.ScenarioStats stats) {
      return String.format(
          Locale.ROOT,
          "%.0f/%.0f/%.0f",
          stats.leakedMedian(),
          stats.leakedP95(),
          stats.leakedMax());
    }
  }

  /**
   * The scenarios a run through the server can play: none begins with a helpdesk recovery (the
   * server's takes a manager's approval or a mailed code and a new enrollment), none restarts the
   * detection.
   */
  public static List<AttackScenario> playable(List<AttackScenario> scenarios) {
    return scenarios.stream().filter(s -> !s.recovery() && s.restartDays().isEmpty()).toList();
  }

  /** Runs {@code settings} through a throw-away server, one agency at a time, then in memory. */
  public static Comparison run(Evaluation.Settings settings, LongConsumer progress)
      throws Exception {
    // A throw-away server's store starts empty: the memory run has no past either.
    Evaluation.Settings oneAtATime = settings.withThreads(1).withoutPastUse();
    long started = System.nanoTime();
    EvaluationResult server;
    long requests;
    try (ThrowAwayVigie vigie =
        ThrowAwayVigie.start(
            "vigie-eval",
            WebApplicationType.SERVLET,
            "--vigie.clock.simulated=true",
            "--vigie.demo.enabled=false",
            // The simulation knows every person of its agency, former ones included.
            "--vigie.retention.period=P200Y",
            // The simulated networks arrive as a reverse proxy would say them.
            "--server.forward-headers-strategy=framework",
            "--vigie.sign-in.rate-limit.capacity=1000000")) {
      ServerExecutor.Counted executors =
          ServerExecutor.counted(ServerExecutor.factory(vigie.context(), vigie.port()));
      server = Evaluation.run(oneAtATime.withExecutors(executors), progress);
      requests = executors.requests();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    EvaluationResult memory = Evaluation.run(oneAtATime, days -> {});
    return new Comparison(server, memory, requests, seconds);
  }
}
