-- Staff sign-in: passwords, lockout, second factors, session revocation.
-- No secret is stored in clear: the password is an Argon2id hash, the TOTP seed and the contact
-- address are sealed under the key-encryption key (which never sits in the database).

alter table staff_account
  -- Argon2id in Spring Security's encoded form; null until a password is set.
  add column password_hash     text,
  -- Consecutive failures (password or second factor) since the last success.
  add column failed_attempts   integer not null default 0,
  add column last_failed_at    timestamptz,
  -- Set after too many failures; only a reset (recovery) clears it.
  add column locked_at         timestamptz,
  -- Bumped to revoke every session of the account: a session remembers the epoch it began in.
  add column session_epoch     integer not null default 0,
  -- The TOTP seed, sealed; confirmed once the owner proved a first code.
  add column totp_secret       bytea,
  add column totp_confirmed_at timestamptz,
  -- The last TOTP time step accepted: a code (and any older one) is accepted once only.
  add column totp_last_step    bigint,
  -- The owner's email on file, sealed; when it was set tells a channel registered before a reset.
  add column email             bytea,
  add column email_set_at      timestamptz,
  -- After a recovery, the account may read nothing until then.
  add column restricted_until  timestamptz;

-- Managers of an organization are looked up to approve a recovery and to be told of it.
create index staff_account_organization_role on staff_account (organization_id, role);
