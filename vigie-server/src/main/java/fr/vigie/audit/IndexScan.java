package fr.vigie.audit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast part of {@link AuditScan#scanIndexed}: the selected entries of indexes {@code [lo, hi)}
 * by the actor and organization index, each checked against its content and proven in the signed
 * tree; the entries past the last checkpoint, if the window reaches them, walked as {@link
 * AuditScan#scan} does.
 */
final class IndexScan {
  private static final Logger log = LoggerFactory.getLogger(IndexScan.class);

  private static final String SELECTED =
      "select idx, at, entry, leaf_hash, uuid_send(subject) from audit_entry"
          + " where idx >= ? and idx < ? and (actor = any(?) or organization = any(?))"
          + " order by idx";

  private final Connection c;
  private final byte[] publicKey;
  private final AuditScan.Filter filter;
  private final SubtreeHashes hashes;

  IndexScan(Connection c, byte[] publicKey, AuditScan.Filter filter) {
    this.c = c;
    this.publicKey = publicKey;
    this.filter = filter;
    this.hashes = new SubtreeHashes(c);
  }

  /** A row the index gave, checked against its content, and in the window. */
  private record Row(long idx, byte[] entry, byte[] leafHash) {}

  AuditScan.Report scan(
      Connection checkpoints, long lo, long hi, long size, AuditScan.Visitor visitor)
      throws SQLException, IOException, ProofException {
    Optional<Checkpoints.Stored> covering = firstAtOrAfter(checkpoints, hi);
    Optional<Checkpoints.Stored> anchor =
        covering.isPresent() ? covering : Checkpoints.latest(checkpoints);
    long signedTo = anchor.map(a -> a.checkpoint().treeSize()).orElse(0L);
    long indexedEnd = Math.max(lo, Math.min(hi, signedTo));
    long selected = 0;
    if (indexedEnd > lo) {
      Checkpoint root = anchor.orElseThrow().checkpoint();
      root.verify(publicKey);
      List<Row> rows = selected(lo, indexedEnd);
      prove(rows, root);
      for (Row row : rows) {
        visitor.selected(row.idx(), AuditEntry.decode(row.entry()));
      }
      selected = rows.size();
    }
    if (covering.isPresent()) {
      return new AuditScan.Report(lo, hi, 1, signedTo, 0, selected, size, true);
    }
    // The window reaches past the last checkpoint: those entries are walked from its frontier.
    long tailFrom = anchor.isPresent() ? signedTo : 0;
    LogWalk walk =
        anchor.isPresent()
            ? new LogWalk(
                publicKey,
                List.of(anchor.get().checkpoint()).iterator(),
                AuditScan.frontier(anchor.get()))
            : new LogWalk(publicKey, List.<Checkpoint>of().iterator());
    selected += AuditScan.walk(c, tailFrom, size, walk, filter, visitor);
    walk.finish();
    return new AuditScan.Report(
        Math.min(lo, tailFrom),
        size,
        anchor.isPresent() ? 1 : 0,
        signedTo,
        size - tailFrom,
        selected,
        size,
        true);
  }

  /** Stores the subtree hashes the proofs had to compute; a failure only costs speed later. */
  void storeComputedNodes(DataSource dataSource) {
    if (hashes.computed().isEmpty()) {
      return;
    }
    try (Connection writer = dataSource.getConnection()) {
      writer.setAutoCommit(true);
      AuditNodes.insert(writer, hashes.computed());
    } catch (SQLException e) {
      log.warn("Audit log: computed subtree hashes not stored: {}", e.toString());
    }
  }

  private List<Row> selected(long lo, long end) throws SQLException, ProofException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(SELECTED)) {
      select.setFetchSize(10_000);
      select.setLong(1, lo);
      select.setLong(2, end);
      select.setArray(3, c.createArrayOf("bytea", filter.actors()));
      select.setArray(4, c.createArrayOf("bytea", filter.organizations()));
      try (ResultSet found = select.executeQuery()) {
        while (found.next()) {
          long idx = found.getLong(1);
          byte[] entry = found.getBytes(3);
          byte[] leafHash = found.getBytes(4);
          long at = AuditEntry.micros(found.getObject(2, OffsetDateTime.class).toInstant());
          LogWalk.checkContent(idx, at, entry, leafHash);
          if (!AuditEntry.hasSubject(entry, found.getBytes(5))) {
            throw new ProofException(
                "entry " + idx + ": its subject column does not agree with its content", idx);
          }
          if (!filter.names(entry)) {
            throw new ProofException(
                "entry " + idx + ": its actor or organization index disagrees with its content",
                idx);
          }
          if (filter.inWindow(entry)) {
            rows.add(new Row(idx, entry, leafHash));
          }
        }
      }
    }
    return rows;
  }

  private void prove(List<Row> rows, Checkpoint root) throws SQLException, ProofException {
    long size = root.treeSize();
    hashes.prefetch(rows.stream().mapToLong(Row::idx).toArray(), size);
    for (Row row : rows) {
      try {
        MerkleTree.verifyInclusion(
            row.idx(), size, row.leafHash(), hashes.inclusionProof(row.idx(), size), root.root());
      } catch (ProofException e) {
        throw new ProofException(
            "entry "
                + row.idx()
                + ": not proven in the checkpoint at size "
                + size
                + " ("
                + e.getMessage()
                + "): run 'vigie audit verify'",
            row.idx());
      }
    }
  }

  private static Optional<Checkpoints.Stored> firstAtOrAfter(Connection c, long size)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "select "
                + Checkpoints.columns()
                + ", frontier from audit_checkpoint where tree_size >= ? and tree_size > 0"
                + " order by tree_size limit 1")) {
      select.setLong(1, size);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(Checkpoints.stored(rows)) : Optional.empty();
      }
    }
  }
}
