-- Scoping a breach fast: the entries of an incident's accounts (or organization) are found by an
-- index instead of by reading every entry of the window, and each is proven in the signed tree by
-- an inclusion proof made of stored subtree hashes instead of by recomputing the window.

-- The n-th string of an entry (0: action, 1: decision, 2: actor, 3: subject, 4: organization), as
-- the bytes the entry holds; null when the entry is not one (the verifier names those). Reads the
-- canonical encoding of fr.vigie.audit.AuditEntry: version 1, index and time (17 bytes), then
-- strings of a big-endian int32 length (-1 for null) and UTF-8 bytes.
create function audit_entry_string(e bytea, n int) returns bytea
  language plpgsql immutable strict parallel safe as $$
declare
  size int := length(e);
  o int := 17;
  len int;
begin
  if size < 21 or get_byte(e, 0) <> 1 then
    return null;
  end if;
  for i in 0..n loop
    if o > size - 4 then
      return null;
    end if;
    len := (get_byte(e, o) << 24) | (get_byte(e, o + 1) << 16) | (get_byte(e, o + 2) << 8)
           | get_byte(e, o + 3);
    if len > size - o - 4 then
      return null;
    end if;
    if i = n then
      return case when len < 0 then null else substring(e from o + 5 for len) end;
    end if;
    o := o + 4 + greatest(len, 0);
  end loop;
  return null;
end
$$;

-- Generated from the entry itself, never written apart: a row's index keys cannot disagree with
-- its content unless the table's definition is changed, and the scope checks each one anyway.
alter table audit_entry
  add column actor bytea generated always as (audit_entry_string(entry, 2)) stored,
  add column organization bytea generated always as (audit_entry_string(entry, 4)) stored;
create index audit_entry_actor on audit_entry (actor, idx) where actor is not null;
create index audit_entry_organization on audit_entry (organization, idx)
  where organization is not null;

-- The hash of every aligned perfect subtree of 2^height leaves, height 6 and up: node (height, idx)
-- is the Merkle root of entries [idx * 2^height, (idx + 1) * 2^height). Written as the log grows;
-- a missing one is computed from the ones below it. Not trusted: a proof made from them is checked
-- against a signed checkpoint's root, so a wrong hash only makes the proof fail.
create table audit_node (
  height smallint not null check (height between 6 and 63),
  idx    bigint not null check (idx >= 0),
  hash   bytea not null check (length(hash) = 32),
  primary key (height, idx)
);

create trigger audit_node_append_only before update or delete on audit_node
  for each row execute function audit_refuse_change();
create trigger audit_node_no_truncate before truncate on audit_node
  for each statement execute function audit_refuse_change();

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'vigie_app') then
    grant select, insert on audit_node to vigie_app;
    revoke update, delete, truncate, references, trigger on audit_node from vigie_app;
  end if;
end
$$;
