-- The exchange's own schema: accounts of subcontractors, their SSH keys, and the log of every
-- operation, which the register ingests into its audit log. No personal data of the register.
create table account (
  name text primary key check (name ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  quota_bytes bigint not null check (quota_bytes > 0),
  max_file_bytes bigint not null check (max_file_bytes > 0),
  failed_sign_ins int not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null default now()
);

create table account_key (
  account text not null references account (name) on delete cascade,
  fingerprint text not null,
  public_key text not null,
  added_at timestamptz not null default now(),
  primary key (account, fingerprint)
);

create table operation (
  seq bigserial primary key,
  at timestamptz not null,
  account text not null,
  kind text not null,
  file text,
  bytes bigint,
  source text not null,
  outcome text not null
);
