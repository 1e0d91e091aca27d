-- The person's space (docs/breach-response.md, "The person's space").
--
-- person_link: which identity at a person's identity provider (FranceConnect-like) is which person
-- of the register. Made once, at the first sign-in, from a unique match of the provider's pivot
-- identity; later sign-ins follow it. The subject is kept as a SHA-256 digest of (issuer, subject):
-- equality is all that is needed. One link per person and provider: a second identity claiming the
-- same person is refused, not linked.
create table person_link (
  subject_digest bytea primary key check (length(subject_digest) = 32),
  issuer_digest  bytea not null check (length(issuer_digest) = 32),
  person_id      uuid not null references person (id),
  linked_at      timestamptz not null,
  unique (issuer_digest, person_id)
);

-- read_flag: a person does not recognize a read of their file. The DPO's queue; the account that
-- read is evidence for the detectors. One flag per person and audit entry.
create table read_flag (
  id          uuid primary key,
  person_id   uuid not null references person (id),
  audit_idx   bigint not null,
  account_id  uuid not null references staff_account (id),
  flagged_at  timestamptz not null,
  status      text not null default 'OPEN' check (status in ('OPEN', 'CLOSED')),
  outcome     text check (outcome in ('CONFIRMED', 'UNFOUNDED')),
  closed_by   uuid references staff_account (id),
  closed_at   timestamptz,
  unique (person_id, audit_idx),
  check ((status = 'CLOSED') = (outcome is not null))
);
create index read_flag_open on read_flag (flagged_at) where status = 'OPEN';
create index read_flag_account on read_flag (account_id);

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'vigie_app') then
    grant select, insert, delete on person_link to vigie_app;
    grant select, insert, update on read_flag to vigie_app;
  end if;
end
$$;
