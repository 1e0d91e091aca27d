-- Account recovery by the helpdesk. A reset alone never gives a working account: the new second
-- factor needs the approval of a manager of the account's organization, or the code sent to the
-- address that was on file before the reset.

create table account_recovery (
  id               uuid primary key,
  account_id       uuid not null references staff_account (id),
  helpdesk_id      uuid not null references staff_account (id),
  started_at       timestamptz not null,
  -- Argon2id hash of the one-time code mailed to the address on file; null when there was none.
  code_hash        text,
  code_expires_at  timestamptz,
  code_failures    integer not null default 0,
  code_verified_at timestamptz,
  approved_by      uuid references staff_account (id),
  approved_at      timestamptz,
  -- The new second factor was enrolled: the restricted period began.
  completed_at     timestamptz,
  -- A newer reset of the same account replaced this one.
  cancelled_at     timestamptz
);

create unique index account_recovery_open on account_recovery (account_id)
  where completed_at is null and cancelled_at is null;
