package fr.vigie.simulation;

import static java.util.Objects.requireNonNull;

import fr.vigie.detection.Ceilings;
import fr.vigie.detection.Detection;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The evaluation of issue 4: the attack scenarios over many seeds and a million clean advisor-days,
 * through the real detection code in simulated time. Each seed is one simulated agency (a shard)
 * with its own detection state and peer statistics; shards run in parallel, and the clean
 * advisor-days of all of them add up.
 */
public final class Evaluation {
  /** What to run. */
  public record Settings(
      int seeds,
      long advisorDays,
      List<AttackScenario> scenarios,
      long personsPerAgency,
      int warmupDays,
      int dailyCap,
      int threads,
      ExecutorFactory executors,
      boolean pastUse) {
    public Settings {
      if (seeds < 1) {
        throw new IllegalArgumentException("seeds: at least 1");
      }
      if (advisorDays < 1) {
        throw new IllegalArgumentException("advisorDays: at least 1");
      }
      scenarios = List.copyOf(requireNonNull(scenarios, "scenarios is null"));
      requireNonNull(executors, "executors is null");
    }

    /** The defaults of {@code vigie eval}. */
    public static Settings defaults(int seeds, long advisorDays, List<AttackScenario> scenarios) {
      return new Settings(
          seeds,
          advisorDays,
          scenarios,
          100_000,
          28,
          50,
          Runtime.getRuntime().availableProcessors(),
          InMemoryExecutor.factory(Detection::withDefaults),
          true);
    }

    /** The same with an in-memory executor over {@code detection}. */
    public Settings withDetection(Supplier<Detection> detection) {
      return withExecutors(InMemoryExecutor.factory(detection));
    }

    /** The same through other executors (against a running server: one thread, one seed). */
    public Settings withExecutors(ExecutorFactory other) {
      return new Settings(
          seeds,
          advisorDays,
          scenarios,
          personsPerAgency,
          warmupDays,
          dailyCap,
          threads,
          other,
          pastUse);
    }

    public Settings withSize(int otherSeeds, long otherAdvisorDays) {
      return new Settings(
          otherSeeds,
          otherAdvisorDays,
          scenarios,
          personsPerAgency,
          warmupDays,
          dailyCap,
          threads,
          executors,
          pastUse);
    }

    public Settings withThreads(int otherThreads) {
      return new Settings(
          seeds,
          advisorDays,
          scenarios,
          personsPerAgency,
          warmupDays,
          dailyCap,
          otherThreads,
          executors,
          pastUse);
    }

    public Settings withPersons(long persons) {
      return new Settings(
          seeds,
          advisorDays,
          scenarios,
          persons,
          warmupDays,
          dailyCap,
          threads,
          executors,
          pastUse);
    }

    /**
     * The same without the detection's memory of the accounts from before day 0: as a new
     * deployment, whose store is empty (the run through a throw-away server).
     */
    public Settings withoutPastUse() {
      return new Settings(
          seeds,
          advisorDays,
          scenarios,
          personsPerAgency,
          warmupDays,
          dailyCap,
          threads,
          executors,
          false);
    }
  }

  /** Where the agency's days and nights are reckoned, as the ceilings reckon them. */
  private static final ZoneId ZONE = Ceilings.defaults().zone();

  private Evaluation() {}

  /** Runs every shard; {@code progress} hears advisor-days as they are simulated. */
  public static EvaluationResult run(Settings settings, LongConsumer progress)
      throws InterruptedException {
    long perShard = (settings.advisorDays() + settings.seeds() - 1) / settings.seeds();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.threads()));
    try {
      List<Future<ShardResult>> futures = new ArrayList<>();
      for (int seed = 1; seed <= settings.seeds(); seed++) {
        long shardSeed = seed;
        futures.add(
            pool.submit(
                () ->
                    new AgencySimulation(
                            shardSeed,
                            settings.personsPerAgency(),
                            perShard,
                            settings.warmupDays(),
                            settings.executors(),
                            ZONE,
                            settings.scenarios(),
                            settings.dailyCap(),
                            settings.pastUse())
                        .run(progress)));
      }
      List<ShardResult> shards = new ArrayList<>();
      for (Future<ShardResult> future : futures) {
        shards.add(future.get());
      }
      return combine(settings, shards);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  private static EvaluationResult combine(Settings settings, List<ShardResult> shards) {
    long days = 0;
    long suspensions = 0;
    long stepUps = 0;
    long throttles = 0;
    long refusals = 0;
    long capBlocked = 0;
    Map<String, Long> reasons = new TreeMap<>();
    for (ShardResult shard : shards) {
      days += shard.counts().advisorDays;
      suspensions += shard.counts().suspensions;
      stepUps += shard.counts().stepUps;
      throttles += shard.counts().throttles;
      refusals += shard.counts().refusals;
      capBlocked += shard.counts().capBlockedDays;
      shard.counts().suspensionReasons.forEach((k, v) -> reasons.merge(k, v, Long::sum));
    }
    List<EvaluationResult.ScenarioStats> scenarios = new ArrayList<>();
    for (AttackScenario scenario : settings.scenarios()) {
      scenarios.add(
          EvaluationResult.ScenarioStats.of(
              scenario.name(),
              runs(shards, scenario.name(), false),
              runs(shards, scenario.name(), true)));
    }
    return new EvaluationResult(
        settings.seeds(),
        days,
        suspensions,
        stepUps,
        throttles,
        refusals,
        settings.dailyCap(),
        capBlocked,
        reasons,
        scenarios);
  }

  private static List<ScenarioRun> runs(List<ShardResult> shards, String name, boolean baseline) {
    List<ScenarioRun> runs = new ArrayList<>();
    for (ShardResult shard : shards) {
      Map<String, ScenarioRun> map = baseline ? shard.baseline() : shard.runs();
      runs.add(map.get(name));
    }
    return runs;
  }
}
