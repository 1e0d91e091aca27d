/**
 * The tamper-evident audit log: every access is appended, pseudonymously, as a leaf of an RFC 6962
 * Merkle tree in PostgreSQL before the answer leaves; signed checkpoints, inclusion and consistency
 * proofs let an outside witness hold the log to its past, and {@link fr.vigie.audit.AuditVerifier}
 * names the first entry that was changed, removed or moved.
 */
package fr.vigie.audit;
