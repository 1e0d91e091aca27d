-- The tamper-evident audit log: one row per entry, the leaves of an RFC 6962 Merkle tree.
-- entry holds the entry's canonical bytes (pseudonymous ids and codes only, never personal data),
-- leaf_hash = SHA-256(0x00 || entry). at repeats the entry's own time, for time-window queries;
-- the verifier checks that it agrees with the entry.
create table audit_entry (
  idx       bigint primary key,
  at        timestamptz not null,
  entry     bytea not null,
  leaf_hash bytea not null
);

-- Signed tree heads, at least once a second while the log grows. The signature covers the C2SP
-- signed-note text made of origin, tree_size, root and at. frontier is the tree's right frontier
-- at that size (the roots of its perfect subtrees, largest first), so that a restart resumes
-- from here instead of reading the whole log.
create table audit_checkpoint (
  tree_size bigint primary key,
  root      bytea not null,
  at        timestamptz not null,
  origin    text not null,
  key_id    bigint not null,
  signature bytea not null,
  frontier  bytea not null
);

-- The owner of a table cannot be denied UPDATE or DELETE on it, so the log refuses them itself.
-- An attacker with the owner's rights can still disable these triggers: the Merkle tree, the
-- signed checkpoints and outside witnesses are what make such a change evident.
create function audit_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'the audit log is append-only: % on % refused', tg_op, tg_table_name;
end
$$;

create trigger audit_entry_append_only before update or delete on audit_entry
  for each row execute function audit_refuse_change();
create trigger audit_entry_no_truncate before truncate on audit_entry
  for each statement execute function audit_refuse_change();
create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
  for each row execute function audit_refuse_change();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
  for each statement execute function audit_refuse_change();
