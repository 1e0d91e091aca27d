-- The person an entry concerns, repeated beside the entry so that a person's access journal is an
-- index scan. The entry's own bytes stay authoritative: the verifier checks that both agree, so a
-- changed subject cannot hide an access from the journal unnoticed.
alter table audit_entry add column subject uuid;
create index audit_entry_subject on audit_entry (subject, idx) where subject is not null;
