package fr.vigie.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes every file older than the hard maximum age, picked up or not, and what a crash left
 * behind (temporary files of a cut-off placement, at the same age; links, at once). It keeps no
 * state: the files' own times say what is due, so it resumes after any restart, including a kill in
 * the middle of a run. Each purge is logged before its file is deleted, with an intent that is
 * removed once the file is gone; at start, and before each run, the intents a kill left are carried
 * out: every purged file is deleted, and logged, exactly once.
 */
@Component
public class Purge {
  private final Folders folders;
  private final Deletions deletions;
  private final Refusals refusals;
  private final JdbcTemplate jdbc;
  private final Duration maxAge;
  private final Clock clock;

  Purge(
      Folders folders,
      Deletions deletions,
      Refusals refusals,
      JdbcTemplate jdbc,
      @Value("${vigie.exchange.max-age}") Duration maxAge) {
    this.folders = folders;
    this.deletions = deletions;
    this.refusals = refusals;
    this.jdbc = jdbc;
    this.maxAge = maxAge;
    this.clock = Clock.systemUTC();
  }

  @Scheduled(initialDelay = 0, fixedDelayString = "${vigie.exchange.purge-interval}")
  void scheduled() {
    run(clock.instant());
  }

  /** Deletes what is due at {@code now}; returns how many files were deleted. */
  public synchronized int run(Instant now) {
    deletions.finishIntents();
    Path all = folders.all();
    if (!Files.isDirectory(all)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(all)) {
      List<Path> candidates =
          walk.filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)).toList();
      int deleted = 0;
      for (Path path : candidates) {
        if (due(path, now)) {
          Path relative = all.relativize(path);
          int depth = relative.getNameCount();
          String account = depth > 1 ? relative.getName(0).toString() : "?";
          deletions.delete(
              path,
              account,
              OperationKind.PURGE,
              depth > 1 ? relative.subpath(1, depth).toString() : relative.toString(),
              "exchange");
          abandoned(account, path.getFileName().toString());
          deleted++;
        }
      }
      return deleted;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not purge the exchange's files", e);
    }
  }

  /** A purged part file is an upload started and never finished: a refusal, counted. */
  private void abandoned(String account, String fileName) {
    if (fileName.startsWith(WebUploads.PART_PREFIX)) {
      jdbc.update(
          "delete from upload where account = ? and name = ?",
          account,
          fileName.substring(WebUploads.PART_PREFIX.length()));
      refusals.refused("exchange", account, Refusals.Reason.UPLOAD_ABANDONED, "uploads");
    }
  }

  private boolean due(Path path, Instant now) throws IOException {
    if (Files.isSymbolicLink(path)) {
      return true; // nothing creates links here: one is a plant, never kept
    }
    BasicFileAttributes attributes =
        Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    Instant created = attributes.creationTime().toInstant();
    Instant modified = attributes.lastModifiedTime().toInstant();
    // The older of the two: a file kept alive by rewriting it is still purged on its first age.
    Instant born = created.isBefore(modified) ? created : modified;
    return !born.plus(maxAge).isAfter(now);
  }
}
