package fr.vigie.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * One batch of {@code audit_entry} rows, framed at consecutive indexes from the end of a tree, as
 * columns: bound as arrays in the one-round-trip append, or written as binary COPY rows.
 */
final class EntryRows {
  final long[] indexes;
  final long[] atMicros;
  final byte[][] entries;
  final byte[][] leafHashes;
  final UUID[] subjects;
  final byte[][] actors;
  final byte[][] organizations;

  private EntryRows(int size) {
    indexes = new long[size];
    atMicros = new long[size];
    entries = new byte[size][];
    leafHashes = new byte[size][];
    subjects = new UUID[size];
    actors = new byte[size][];
    organizations = new byte[size][];
  }

  /**
   * Frames {@code batch} at the indexes that follow {@code tree}, and appends their leaves to it.
   */
  static EntryRows frame(List<GroupCommit.Pending> batch, CompactRange tree) {
    EntryRows rows = new EntryRows(batch.size());
    long first = tree.size();
    for (int i = 0; i < batch.size(); i++) {
      byte[] entry = AuditEntry.frame(first + i, batch.get(i).event());
      byte[] leafHash = MerkleTree.leafHash(entry);
      tree.append(leafHash);
      rows.indexes[i] = first + i;
      rows.atMicros[i] = AuditEntry.microsOf(entry);
      rows.entries[i] = entry;
      rows.leafHashes[i] = leafHash;
      rows.subjects[i] = batch.get(i).subject();
      rows.actors[i] = AuditEntry.stringAt(entry, AuditEntry.ACTOR);
      rows.organizations[i] = AuditEntry.stringAt(entry, AuditEntry.ORGANIZATION);
    }
    return rows;
  }

  int size() {
    return indexes.length;
  }

  long first() {
    return indexes[0];
  }

  /** The earliest time among the rows, in microseconds since the epoch. */
  long earliest() {
    long earliest = Long.MAX_VALUE;
    for (long at : atMicros) {
      earliest = Math.min(earliest, at);
    }
    return earliest;
  }

  /**
   * The times as PostgreSQL reads them exactly, to the microsecond ({@code 2026-11-22T10:00:00Z}):
   * the verifier checks that {@code at} agrees with the entry's own time.
   */
  String[] atTexts() {
    String[] texts = new String[atMicros.length];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = Instant.EPOCH.plus(atMicros[i], ChronoUnit.MICROS).toString();
    }
    return texts;
  }

  /** The rows as a binary COPY stream. */
  byte[] copy() {
    EntryCopy copy = new EntryCopy(size() * 320);
    for (int i = 0; i < size(); i++) {
      copy.row(indexes[i], atMicros[i], entries[i], leafHashes[i], subjects[i]);
    }
    return copy.finish();
  }
}
