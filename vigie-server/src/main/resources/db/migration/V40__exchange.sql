-- Exchange batches sent to subcontractors, and the pseudonymous token of each person in each one:
-- the only place where a token maps back to a person. The exchange never sees this table.
create table exchange_batch (
  id             uuid primary key,
  account        text not null,
  operator_id    uuid not null references staff_account (id),
  persons        int not null,
  refused        int not null,
  created_at     timestamptz not null default now()
);

create table exchange_batch_entry (
  batch_id   uuid not null references exchange_batch (id),
  token      text not null,
  person_id  uuid not null references person (id),
  primary key (batch_id, token)
);

-- How far the register has ingested the exchange's operation log into its audit log.
create table exchange_ingest (
  id        int primary key check (id = 1),
  last_seq  bigint not null
);
insert into exchange_ingest (id, last_seq) values (1, 0);

-- Results returned by subcontractors, one status code per person of a batch. Importing the same
-- results twice (a crash before the pickup was confirmed) changes nothing.
create table exchange_result (
  batch_id     uuid not null references exchange_batch (id),
  person_id    uuid not null references person (id),
  status       text not null check (status ~ '^[A-Z][A-Z0-9_]{0,31}$'),
  received_at  timestamptz not null default now(),
  primary key (batch_id, person_id)
);
