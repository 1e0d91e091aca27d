package fr.vigie.simulation;

import fr.vigie.detection.Detection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Runs drawn attack variants ({@link VariantGenerator}) through the same simulated agency and real
 * detection code as the shipped scenarios, a few variants per agency (each takes accounts of its
 * own), and reports the worst cases: persons leaked per attacking account, p50, p95 and max, and
 * the share of variants whose every account was contained. Attacks that cannot be told from the
 * owner's own work are reported apart.
 */
public final class Variants {
  /** At most this many attacking accounts share one simulated agency (about 430 advisors). */
  private static final int ACCOUNTS_PER_AGENCY = 150;

  /**
   * At most this many of one partner kind: the agency's Cap emploi and Missions locales are few.
   */
  private static final int ACCOUNTS_OF_A_KIND = 12;

  private Variants() {}

  /** One variant's outcome. */
  public record Outcome(
      AttackScenario scenario, double leakedPerAccount, boolean contained, boolean ownPace) {
    /** Of an attack faster than its owners, or whose pace is not known. */
    public Outcome(AttackScenario scenario, double leakedPerAccount, boolean contained) {
      this(scenario, leakedPerAccount, contained, false);
    }

    boolean apart() {
      return VariantGenerator.indistinguishable(scenario, ownPace);
    }
  }

  /** The figures over every variant, and the ten worst. */
  public record Summary(
      int count,
      double leakedPerAccountP50,
      double leakedPerAccountP95,
      double leakedPerAccountMax,
      double containedShare,
      int apart,
      double apartLeakedPerAccountMax,
      List<Outcome> worst,
      List<Outcome> uncontained) {
    /** The {@code "variants"} member of the evaluation's JSON line. */
    public String json() {
      return "{\"count\":"
          + count
          + ",\"leaked_per_account_p50\":"
          + EvaluationResult.number(leakedPerAccountP50)
          + ",\"leaked_per_account_p95\":"
          + EvaluationResult.number(leakedPerAccountP95)
          + ",\"leaked_per_account_max\":"
          + EvaluationResult.number(leakedPerAccountMax)
          + ",\"contained_share\":"
          + EvaluationResult.number(containedShare)
          + ",\"indistinguishable_count\":"
          + apart
          + ",\"indistinguishable_leaked_per_account_max\":"
          + EvaluationResult.number(apartLeakedPerAccountMax)
          + "}";
    }

    /** A plain-text table of the worst variants. */
    public String table() {
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              "variants %d: leaked per attacking account p50 %.1f, p95 %.1f, max %.1f;"
                  + " contained %.1f%%; %d indistinguishable from the owner's work"
                  + " (reported apart, max %.1f)%n",
              count,
              leakedPerAccountP50,
              leakedPerAccountP95,
              leakedPerAccountMax,
              100 * containedShare,
              apart,
              apartLeakedPerAccountMax));
      worst.forEach(o -> line(out, o));
      List<Outcome> others = uncontained.stream().filter(o -> !worst.contains(o)).toList();
      if (!others.isEmpty()) {
        out.append(String.format("not contained, beyond the ten worst:%n"));
        others.forEach(o -> line(out, o));
      }
      return out.toString();
    }

    private static void line(StringBuilder out, Outcome o) {
      out.append(
          String.format(
              "  %-22s %3d accounts %-12s %-9s %6.1f per account%s%n",
              o.scenario().name(),
              o.scenario().accounts(),
              o.scenario().targets().name().toLowerCase(java.util.Locale.ROOT),
              o.scenario().per().name().toLowerCase(java.util.Locale.ROOT),
              o.leakedPerAccount(),
              o.contained() ? "" : ", not contained"));
    }

    /**
     * Writes the worst variants, and every one not contained, as scenario files into {@code dir},
     * to be replayed.
     */
    public List<Path> writeWorst(Path dir) throws IOException {
      Files.createDirectories(dir);
      List<Path> files = new ArrayList<>();
      java.util.Set<Outcome> written = new java.util.LinkedHashSet<>(worst);
      written.addAll(uncontained);
      for (Outcome o : written) {
        Path file = dir.resolve(o.scenario().name() + ".json");
        Files.writeString(file, ScenarioFile.write(o.scenario()), StandardCharsets.UTF_8);
        files.add(file);
      }
      return files;
    }
  }

  /** Runs {@code variants} in agencies of {@code persons}, {@code threads} at a time. */
  public static Summary run(
      List<AttackScenario> variants, long persons, int threads, LongConsumer progress)
      throws InterruptedException {
    return run(variants, persons, threads, Detection::withDefaults, progress);
  }

  /** The same against each agency's own {@code detection}. */
  public static Summary run(
      List<AttackScenario> variants,
      long persons,
      int threads,
      Supplier<Detection> detection,
      LongConsumer progress)
      throws InterruptedException {
    List<List<AttackScenario>> batches = batches(variants);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    List<Outcome> outcomes = new ArrayList<>();
    try {
      List<Future<EvaluationResult>> futures = new ArrayList<>();
      for (List<AttackScenario> batch : batches) {
        Evaluation.Settings settings =
            Evaluation.Settings.defaults(1, 1, batch)
                .withPersons(persons)
                .withThreads(1)
                .withDetection(detection);
        futures.add(pool.submit(() -> Evaluation.run(settings, progress)));
      }
      for (int b = 0; b < batches.size(); b++) {
        EvaluationResult result = futures.get(b).get();
        for (int i = 0; i < batches.get(b).size(); i++) {
          AttackScenario scenario = batches.get(b).get(i);
          EvaluationResult.ScenarioStats stats = result.scenarios().get(i);
          outcomes.add(
              new Outcome(
                  scenario,
                  stats.leakedMax() / scenario.accounts(),
                  stats.containedShare() == 1.0,
                  stats.ownPace()));
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return summarize(outcomes);
  }

  static Summary summarize(List<Outcome> outcomes) {
    List<Outcome> counted = outcomes.stream().filter(o -> !o.apart()).toList();
    List<Outcome> apart = outcomes.stream().filter(Outcome::apart).toList();
    double[] leaked = counted.stream().mapToDouble(Outcome::leakedPerAccount).toArray();
    List<Outcome> worst =
        counted.stream()
            .sorted(
                Comparator.comparingDouble(Outcome::leakedPerAccount)
                    .reversed()
                    .thenComparing(o -> o.scenario().name()))
            .limit(10)
            .toList();
    return new Summary(
        counted.size(),
        leaked.length == 0 ? 0 : Percentiles.median(leaked),
        leaked.length == 0 ? 0 : Percentiles.percentile(leaked, 0.95),
        leaked.length == 0 ? 0 : Percentiles.max(leaked),
        counted.isEmpty()
            ? 1
            : counted.stream().filter(Outcome::contained).count() / (double) counted.size(),
        apart.size(),
        apart.stream().mapToDouble(Outcome::leakedPerAccount).max().orElse(0),
        worst,
        counted.stream()
            .filter(o -> !o.contained())
            .sorted(Comparator.comparing(o -> o.scenario().name()))
            .toList());
  }

  /** Variants packed into agencies, at most {@link #ACCOUNTS_PER_AGENCY} accounts each. */
  private static List<List<AttackScenario>> batches(List<AttackScenario> variants) {
    List<List<AttackScenario>> batches = new ArrayList<>();
    List<AttackScenario> current = new ArrayList<>();
    int accounts = 0;
    java.util.Map<Object, Integer> ofKind = new java.util.HashMap<>();
    for (AttackScenario v : variants) {
      Object kind = v.organization() == null ? "any" : v.organization();
      boolean full =
          accounts + v.accounts() > ACCOUNTS_PER_AGENCY
              || (v.organization() != null
                  && ofKind.getOrDefault(kind, 0) + v.accounts() > ACCOUNTS_OF_A_KIND);
      if (!current.isEmpty() && full) {
        batches.add(current);
        current = new ArrayList<>();
        accounts = 0;
        ofKind.clear();
      }
      current.add(v);
      accounts += v.accounts();
      ofKind.merge(kind, v.accounts(), Integer::sum);
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }
}
