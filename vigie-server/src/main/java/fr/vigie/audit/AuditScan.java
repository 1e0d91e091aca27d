package fr.vigie.audit;

import static java.util.Objects.requireNonNull;

import fr.vigie.crypto.KeyRing;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The entries of some accounts or organizations within a time window, read from a part of the log
 * that is verified first: what scoping a breach rests on.
 *
 * <p>The part is the run of entries from the last checkpoint before the window to the first one
 * after it (or the end of the log). The walk starts from the stored frontier of the first
 * checkpoint, which its signed root vouches for, and checks every entry on the way as {@code vigie
 * audit verify} does (leaf hash, index, time and subject columns) and the root and signature of
 * every checkpoint it passes. Entries after the last checkpoint are checked by their leaf hash
 * only, and counted apart. A selected entry is handed over only once the walk reached it; if the
 * walk fails, the scan throws and the caller must discard what it was handed.
 *
 * <p>The window is turned into indexes by a binary search over the {@code at} column. Entries go
 * into the log in commit order and each commits within the append timeout of its own time, so an
 * entry before another in the log cannot be later than it by more than that; the search widens the
 * window by {@link #SLACK}, far more than the timeout, on each side. With several nodes, this holds
 * while their clocks agree within the slack; each node's appender checks that ({@link
 * ClockAgreement}).
 */
@Component
public class AuditScan {
  /** How far the window is widened on each side before it is turned into indexes. */
  static final Duration SLACK = Duration.ofMinutes(5);

  private static final String ENTRIES =
      "copy (select idx, at, entry, leaf_hash, subject from audit_entry"
          + " where idx >= current_setting('vigie.scan_from')::int8"
          + " and idx < current_setting('vigie.scan_to')::int8 order by idx)"
          + " to stdout (format binary)";

  /** The accounts and organizations to select, and the window, both ends included. */
  public record Selection(Set<String> actors, Set<String> organizations, Instant from, Instant to) {
    public Selection {
      actors = Set.copyOf(requireNonNull(actors, "actors is null"));
      organizations = Set.copyOf(requireNonNull(organizations, "organizations is null"));
      requireNonNull(from, "from is null");
      requireNonNull(to, "to is null");
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("the window ends before it starts");
      }
    }
  }

  /** Told each selected entry, in log order. */
  public interface Visitor {
    void selected(long index, AuditEvent event);
  }

  /**
   * What was verified: entries {@code [first, end)}; the checkpoints whose roots held, the last at
   * {@code signedTo}; the entries past the last checkpoint, checked by their leaf hashes only.
   * {@code indexed}: the selected entries were found by the index and each proven by an inclusion
   * proof, the others of {@code [first, end)} not read (see {@link #scanIndexed}); otherwise every
   * entry of {@code [first, end)} was read and recomputed.
   */
  public record Report(
      long first,
      long end,
      long checkpoints,
      long signedTo,
      long unsignedEntries,
      long selected,
      long logSize,
      boolean indexed) {
    public long entries() {
      return end - first;
    }
  }

  private final DataSource dataSource;
  private final byte[] publicKey;

  @Autowired
  AuditScan(DataSource dataSource, KeyRing keys) {
    this(dataSource, keys.auditSigner().publicKey());
  }

  AuditScan(DataSource dataSource, byte[] publicKey) {
    this.dataSource = dataSource;
    this.publicKey = publicKey.clone();
  }

  /**
   * Verifies the part of the log that covers the window, and hands over the selected entries.
   *
   * @throws ProofException naming the first entry or checkpoint that does not match
   * @throws AuditUnavailableException if the log cannot be read
   */
  public Report scan(Selection selection, Visitor visitor) throws ProofException {
    requireNonNull(visitor, "visitor is null");
    try (Connection entries = dataSource.getConnection();
        Connection checkpoints = dataSource.getConnection()) {
      Snapshot.share(entries, checkpoints);
      long size = size(entries);
      long lo = firstAtOrAfter(entries, selection.from().minus(SLACK), size);
      long hi = firstAtOrAfter(entries, selection.to().plus(SLACK).plusNanos(1000), size);
      Checkpoints.Stored start = startingCheckpoint(checkpoints, lo);
      long first = start == null ? 0 : start.checkpoint().treeSize();
      List<Checkpoint> passed = checkpointsFrom(checkpoints, first, hi);
      long end =
          passed.isEmpty() || passed.getLast().treeSize() < hi ? size : passed.getLast().treeSize();
      CompactRange range = start == null ? new CompactRange() : frontier(start);
      LogWalk walk = new LogWalk(publicKey, passed.iterator(), range);
      long selected;
      try {
        selected = walk(entries, first, end, walk, new Filter(selection), visitor);
        walk.finish();
      } catch (ProofException | IOException e) {
        discard(entries);
        throw e;
      }
      entries.commit();
      checkpoints.commit();
      long signedTo = walk.lastGoodCheckpoint();
      return new Report(
          first,
          end,
          passed.size(),
          signedTo,
          end - Math.max(signedTo, first),
          selected,
          size,
          false);
    } catch (SQLException | IOException e) {
      throw new AuditUnavailableException("the audit log cannot be read", e);
    }
  }

  /**
   * Like {@link #scan}, but reads only the selected accounts' or organization's entries: found by
   * the index on the actor and organization each entry names, each checked against its content and
   * proven by an RFC 6962 inclusion proof against the first signed checkpoint after the window
   * (made of stored subtree hashes). Sound: every entry handed over is in the signed log and says
   * what is handed over. Not proof of completeness: an entry whose index row was corrupted would be
   * missed, which only {@link #scan} rules out; the caller runs it after the answer.
   *
   * @throws ProofException naming the first entry or checkpoint that does not match
   * @throws AuditUnavailableException if the log cannot be read
   */
  public Report scanIndexed(Selection selection, Visitor visitor) throws ProofException {
    requireNonNull(visitor, "visitor is null");
    try (Connection entries = dataSource.getConnection();
        Connection checkpoints = dataSource.getConnection()) {
      Snapshot.share(entries, checkpoints);
      long size = size(entries);
      long lo = firstAtOrAfter(entries, selection.from().minus(SLACK), size);
      long hi = firstAtOrAfter(entries, selection.to().plus(SLACK).plusNanos(1000), size);
      IndexScan index = new IndexScan(entries, publicKey, new Filter(selection));
      Report report;
      try {
        report = index.scan(checkpoints, lo, hi, size, visitor);
      } catch (ProofException | IOException e) {
        discard(entries);
        throw e;
      }
      entries.commit();
      checkpoints.commit();
      index.storeComputedNodes(dataSource);
      return report;
    } catch (SQLException | IOException e) {
      throw new AuditUnavailableException("the audit log cannot be read", e);
    }
  }

  static long walk(Connection c, long first, long end, LogWalk walk, Filter filter, Visitor visitor)
      throws SQLException, IOException, ProofException {
    // COPY takes no bound parameters: the bounds go in as bound settings of this transaction.
    try (PreparedStatement bounds =
        c.prepareStatement(
            "select set_config('vigie.scan_from', ?, true), set_config('vigie.scan_to', ?, true)")) {
      bounds.setString(1, Long.toString(first));
      bounds.setString(2, Long.toString(end));
      bounds.execute();
    }
    long selected = 0;
    try (InputStream copy =
        new BufferedInputStream(
            new PGCopyInputStream(c.unwrap(PGConnection.class), ENTRIES), 1 << 16)) {
      CopyReader rows = new CopyReader(copy, 5);
      while (rows.next()) {
        long idx = rows.int8();
        long at = rows.int8() + EntryCopy.POSTGRES_EPOCH_MICROS;
        byte[] entry;
        byte[] leafHash;
        byte[] subject;
        try {
          entry = rows.bytea(AuditVerifier.MAX_ENTRY_BYTES);
          leafHash = rows.bytea(MerkleTree.HASH_BYTES);
          subject = rows.bytea(16);
        } catch (IOException e) {
          throw new ProofException("entry " + idx + ": " + e.getMessage(), idx);
        }
        walk.entry(idx, at, entry, leafHash);
        if (!AuditEntry.hasSubject(entry, subject)) {
          throw new ProofException(
              "entry " + idx + ": its subject column does not agree with its content", idx);
        }
        if (selects(filter, idx, entry)) {
          visitor.selected(idx, AuditEntry.decode(entry));
          selected++;
        }
      }
    }
    if (walk.size() != end) {
      throw new ProofException("entry " + walk.size() + ": missing", walk.size());
    }
    return selected;
  }

  /**
   * A walk stopped in the middle of its COPY leaves the connection in a state the pool cannot reset
   * (the next transaction on it fails): it is closed for good instead of going back to the pool.
   */
  private static void discard(Connection c) {
    try {
      c.abort(Runnable::run);
    } catch (SQLException e) {
      // Aborting a broken connection can fail; the pool drops it as closed either way.
    }
  }

  static CompactRange frontier(Checkpoints.Stored start) throws ProofException {
    long size = start.checkpoint().treeSize();
    try {
      return CompactRange.of(size, start.frontier());
    } catch (IllegalArgumentException e) {
      throw new ProofException("checkpoint at size " + size + ": its frontier is malformed", size);
    }
  }

  /** An entry past the last checkpoint is checked by its hash only: read it with care. */
  private static boolean selects(Filter filter, long idx, byte[] entry) throws ProofException {
    try {
      return filter.selects(entry);
    } catch (IndexOutOfBoundsException e) {
      throw new ProofException("entry " + idx + ": its content is not an audit entry", idx);
    }
  }

  static long size(Connection c) throws SQLException {
    try (PreparedStatement select =
            c.prepareStatement("select coalesce(max(idx), -1) + 1 from audit_entry");
        ResultSet rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * The first index whose time is at or after {@code at}, by binary search over the primary key.
   */
  private static long firstAtOrAfter(Connection c, Instant at, long size) throws SQLException {
    long low = 0;
    long high = size;
    try (PreparedStatement select =
        c.prepareStatement("select at from audit_entry where idx = ?")) {
      while (low < high) {
        long middle = (low + high) >>> 1;
        select.setLong(1, middle);
        try (ResultSet rows = select.executeQuery()) {
          if (!rows.next()) {
            throw new SQLException(
                "audit_entry has no entry " + middle + ": run 'vigie audit verify'");
          }
          if (rows.getTimestamp(1).toInstant().isBefore(at)) {
            low = middle + 1;
          } else {
            high = middle;
          }
        }
      }
    }
    return low;
  }

  private static Checkpoints.Stored startingCheckpoint(Connection c, long atMost)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "select "
                + Checkpoints.columns()
                + ", frontier from audit_checkpoint where tree_size <= ? and tree_size > 0"
                + " order by tree_size desc limit 1")) {
      select.setLong(1, atMost);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Checkpoints.stored(rows) : null;
      }
    }
  }

  /** The checkpoints from {@code first} on, up to and including the first at or past {@code hi}. */
  private static List<Checkpoint> checkpointsFrom(Connection c, long first, long hi)
      throws SQLException {
    List<Checkpoint> found = new ArrayList<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "select "
                + Checkpoints.columns()
                + " from audit_checkpoint where tree_size >= ? and tree_size <="
                + " coalesce((select min(tree_size) from audit_checkpoint where tree_size >= ?),"
                + " ?) order by tree_size")) {
      select.setFetchSize(1_000);
      select.setLong(1, first);
      select.setLong(2, hi);
      select.setLong(3, Long.MAX_VALUE);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(Checkpoints.read(rows));
        }
      }
    }
    return found;
  }

  /** Selects entries by their actor or organization, reading only the entry's head. */
  static final class Filter {
    private final byte[][] actors;
    private final byte[][] organizations;
    private final long fromMicros;
    private final long toMicros;

    Filter(Selection selection) {
      actors = utf8(selection.actors());
      organizations = utf8(selection.organizations());
      fromMicros = AuditEntry.micros(selection.from());
      toMicros = AuditEntry.micros(selection.to());
    }

    boolean selects(byte[] entry) {
      return inWindow(entry) && names(entry);
    }

    boolean inWindow(byte[] entry) {
      long at = AuditEntry.microsOf(entry);
      return at >= fromMicros && at <= toMicros;
    }

    /** Whether the entry names one of the accounts or organizations, whatever its time. */
    boolean names(byte[] entry) {
      int offset = AuditEntry.HEADER_BYTES + 8;
      offset = skip(entry, offset); // action
      offset = skip(entry, offset); // decision
      if (matches(entry, offset, actors)) {
        return true;
      }
      offset = skip(entry, offset); // actor
      offset = skip(entry, offset); // subject
      return matches(entry, offset, organizations);
    }

    private static int skip(byte[] entry, int offset) {
      int length = length(entry, offset);
      return offset + 4 + Math.max(0, length);
    }

    private static boolean matches(byte[] entry, int offset, byte[][] candidates) {
      int length = length(entry, offset);
      for (byte[] candidate : candidates) {
        if (candidate.length == length
            && java.util.Arrays.equals(
                entry, offset + 4, offset + 4 + length, candidate, 0, length)) {
          return true;
        }
      }
      return false;
    }

    private static int length(byte[] entry, int offset) {
      return (entry[offset] & 0xff) << 24
          | (entry[offset + 1] & 0xff) << 16
          | (entry[offset + 2] & 0xff) << 8
          | (entry[offset + 3] & 0xff);
    }

    byte[][] actors() {
      return actors;
    }

    byte[][] organizations() {
      return organizations;
    }

    private static byte[][] utf8(Set<String> values) {
      return values.stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }
  }
}
