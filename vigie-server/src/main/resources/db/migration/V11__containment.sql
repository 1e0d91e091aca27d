-- Detection and containment: the state the guard reads before the policy, the alerts the security
-- analysts work through, and the appointments that explain an advisor's reads.

alter table staff_account
  -- ACTIVE, STEP_UP, THROTTLED or SUSPENDED; set by the detectors and ceilings, cleared by an analyst.
  add column containment       text not null default 'ACTIVE'
    check (containment in ('ACTIVE', 'STEP_UP', 'THROTTLED', 'SUSPENDED')),
  -- When it was last set: a step-up is answered by a second factor proved after this.
  add column containment_since timestamptz;

-- Why an account was contained, and whom it touched in the day before: pseudonymous ids only.
create table containment_alert (
  id          uuid primary key,
  account_id  uuid not null references staff_account (id),
  raised_at   timestamptz not null,
  state       text not null check (state in ('STEP_UP', 'THROTTLED', 'SUSPENDED')),
  score       integer not null,
  -- [{"detector": ..., "points": ..., "reason": ...}], reasons a person can read, no data.
  reasons     jsonb not null,
  touched     uuid[] not null,
  -- OPEN until an analyst releases the account (a false alarm) or confirms it (compromised).
  status      text not null default 'OPEN' check (status in ('OPEN', 'RELEASED', 'CONFIRMED')),
  decided_by  uuid references staff_account (id),
  decided_at  timestamptz,
  check ((decided_by is null) = (decided_at is null) and (decided_at is null) = (status = 'OPEN'))
);
create index containment_alert_open on containment_alert (raised_at) where status = 'OPEN';
create index containment_alert_account on containment_alert (account_id, raised_at);

-- An appointment of a person with a staff account: it explains the reads of the person by that
-- account's organization in the same week. Loaded from the scheduling system (generated for the
-- demo).
create table appointment (
  id         bigint generated always as identity primary key,
  person_id  uuid not null references person (id),
  account_id uuid not null references staff_account (id),
  starts_at  timestamptz not null
);
create index appointment_person_account on appointment (person_id, account_id, starts_at);
