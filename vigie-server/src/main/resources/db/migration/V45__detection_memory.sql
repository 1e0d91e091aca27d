-- What the detectors remember of each account beyond a restart (issue 9): first and last use,
-- baseline days, hours of the week, devices and networks as pseudonymous tokens, the evidence
-- accumulated across days. Counts, instants and tokens only, no personal data; read back with a
-- plain JSON tree read. The last day's window (which persons) is not kept here.
create table detection_memory (
  account_id        uuid primary key references staff_account (id) on delete cascade,
  organization_kind text not null,
  role              text not null,
  memory            jsonb not null,
  saved_at          timestamptz not null
);
