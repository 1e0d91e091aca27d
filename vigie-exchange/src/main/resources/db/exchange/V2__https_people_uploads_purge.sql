-- People of a subcontractor who use the HTTPS side: a password (Argon2id) and a TOTP secret sealed
-- under a key file of the exchange's data directory (never in this database), each person in one
-- account's folders. Lockout counts their failed sign-ins (password or code) like an account's.
create table web_user (
  login text primary key check (login ~ '^[a-z0-9][a-z0-9.-]{1,62}$'),
  account text not null references account (name) on delete cascade,
  password_hash text not null,
  totp_secret bytea not null,
  totp_last_step bigint not null default 0,
  failed_sign_ins int not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null default now()
);

-- Resumable HTTPS uploads in progress: the length announced at creation; the bytes received so far
-- are the size of the hidden part file, so a crash loses at most what was not yet written.
create table upload (
  account text not null references account (name) on delete cascade,
  name text not null,
  length bigint not null check (length >= 0),
  created_at timestamptz not null default now(),
  primary key (account, name)
);

-- A purge logged before its file is deleted: the intent is removed once the file is gone, and a
-- restart finishes the intents a kill left, so every purge is deleted and logged exactly once.
create table purge_intent (
  path text primary key,
  operation bigint not null references operation (seq)
);
