-- The relationships the access policy reads besides the caseload, and the justifications of
-- reads outside it. No personal field here: persons are named by their pseudonymous id only.

-- Who put a person in a caseload, and when: null for caseloads loaded in bulk.
alter table caseload add column assigned_at timestamptz not null default now();
alter table caseload add column assigned_by uuid references staff_account (id);

-- A person referred by a France Travail advisor to a partner organization (Cap emploi, Mission
-- locale), whose advisors may then read the fields their mission needs until the referral ends.
create table referral (
  id              bigint generated always as identity primary key,
  person_id       uuid not null references person (id),
  organization_id uuid not null references organization (id),
  referred_by     uuid not null references staff_account (id),
  referred_at     timestamptz not null default now(),
  ended_at        timestamptz,
  check (ended_at is null or ended_at >= referred_at)
);
-- At most one active referral of a person to an organization; the policy's lookup uses it.
create unique index referral_active on referral (person_id, organization_id) where ended_at is null;

-- Why an advisor opened a person outside its caseload ("break the glass"). The text is written
-- by staff, shown to the person and reviewed by the manager; logs and the audit log carry the id.
create table justification (
  id             uuid primary key,
  account_id     uuid not null references staff_account (id),
  person_id      uuid not null references person (id),
  reason_code    text not null,
  text           text not null check (length(btrim(text)) > 0 and length(text) <= 500),
  created_at     timestamptz not null default now(),
  reviewed_by    uuid references staff_account (id),
  reviewed_at    timestamptz,
  review_outcome text check (review_outcome in ('UPHELD', 'REJECTED')),
  check ((reviewed_by is null) = (reviewed_at is null)
     and (reviewed_at is null) = (review_outcome is null))
);
-- A manager's review queue: its team's justifications not yet reviewed.
create index justification_pending on justification (account_id, created_at) where reviewed_at is null;
create index justification_person on justification (person_id);
